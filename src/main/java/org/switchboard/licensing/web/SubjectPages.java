package org.switchboard.licensing.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.connector.ConnectorKeys;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.licensing.FunctionType;
import org.switchboard.licensing.SubjectManagement.NewSubject;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;

/**
 * The people and devices of a phone system (its licence subjects) and the keys its phone system
 * uses to report to the licence engine: the customer admin manages them, others look on.
 */
@WebPage
class SubjectPages {

    private final SubjectManagement subjects;
    private final ConnectorKeys keys;
    private final InstanceManagement instances;

    SubjectPages(SubjectManagement subjects, ConnectorKeys keys, InstanceManagement instances) {
        this.subjects = subjects;
        this.keys = keys;
        this.instances = instances;
    }

    @GetMapping("/licensing/instances/{id}/subjects")
    String page(CurrentUser user, @PathVariable UUID id, Model model) {
        InstanceId instance = new InstanceId(id);
        model.addAttribute("d", instances.instance(user, instance));
        model.addAttribute("subjects", subjects.subjects(user, instance));
        model.addAttribute("functionTypes", FunctionType.values());
        model.addAttribute("admin", user.isCustomerAdmin() || user.isOperator());
        if (user.isCustomerAdmin() || user.isOperator()) {
            model.addAttribute("keys", keys.keys(user, instance));
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new NewSubject("EMPLOYEE", "", "", "", ""));
        }
        model.addAttribute("csvHeader", SubjectManagement.CSV_HEADER);
        return "licensing/subjects";
    }

    @PostMapping("/licensing/instances/{id}/subjects")
    String add(CurrentUser user, @PathVariable UUID id, @ModelAttribute("form") NewSubject form, Model model,
            RedirectAttributes redirect) {
        if (FormErrors.submit(model, () -> subjects.add(user, new InstanceId(id), form))) {
            redirect.addFlashAttribute("notice", "Added " + form.name().trim() + " (" + form.extension().trim() + ").");
            return "redirect:/licensing/instances/" + id + "/subjects";
        }
        return page(user, id, model);
    }

    @PostMapping("/licensing/instances/{id}/subjects/{subjectId}/removal")
    String remove(CurrentUser user, @PathVariable UUID id, @PathVariable UUID subjectId, RedirectAttributes redirect) {
        subjects.delete(user, new InstanceId(id), subjectId);
        redirect.addFlashAttribute("notice", "Removed; a licence it held was released.");
        return "redirect:/licensing/instances/" + id + "/subjects";
    }

    @PostMapping("/licensing/instances/{id}/subjects/import")
    String importCsv(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String csv, Model model) throws IOException {
        String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : csv;
        try {
            model.addAttribute("report", subjects.importCsv(user, new InstanceId(id), text == null ? "" : text));
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.violations()));
        }
        return page(user, id, model);
    }

    @PostMapping("/licensing/instances/{id}/connector-keys")
    String createKey(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) String label,
            RedirectAttributes redirect) {
        ConnectorKeys.CreatedKey created = keys.create(user, new InstanceId(id), label);
        redirect.addFlashAttribute("newKey", created.key());
        return "redirect:/licensing/instances/" + id + "/subjects#keys";
    }

    @PostMapping("/licensing/instances/{id}/connector-keys/{keyId}/revocation")
    String revokeKey(CurrentUser user, @PathVariable UUID id, @PathVariable UUID keyId, RedirectAttributes redirect) {
        keys.revoke(user, new InstanceId(id), keyId);
        redirect.addFlashAttribute("notice", "The key was revoked: the phone system can no longer use it.");
        return "redirect:/licensing/instances/" + id + "/subjects#keys";
    }
}
