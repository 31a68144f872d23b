package org.switchboard.numbers.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.numbers.PortingCalendar;
import org.switchboard.numbers.PortingAssistant;
import org.switchboard.numbers.PortingAssistant.NumberInput;
import org.switchboard.numbers.PortingAssistant.PortingInput;
import org.switchboard.numbers.PortingReview;
import org.switchboard.numbers.PortingOrder;
import org.switchboard.numbers.PortingRequest;
import org.switchboard.numbers.RejectionCode;
import org.switchboard.platform.web.WebPage;

/** The porting assistant, and a porting order's page (with the operator's answer for the carrier). */
@WebPage
class PortingPages {

    /** The assistant as a form: one number per line, a block written as "+49 89 12345 (x10)". */
    record AssistantForm(String numbers, Boolean wholeContract, Boolean restCancelled, String provider,
            String otherProvider, String companyName, String street, String postcode, String city,
            String contractHolder, String providerCustomerNumber,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate desiredDate, Boolean atContractEnd) {

        static AssistantForm empty() {
            return new AssistantForm("", true, false, "", "", "", "", "", "", "", "", null, false);
        }

        static AssistantForm of(PortingRequest r) {
            StringBuilder lines = new StringBuilder();
            for (PortingRequest.PortedNumbers n : r.numbers()) {
                lines.append(n.base()).append(n.extensionDigits() == 0 ? "" : " (x" + n.size() + ")").append('\n');
            }
            return new AssistantForm(lines.toString().trim(), r.wholeContract(), r.restCancelled(), r.provider(), "",
                    r.companyName(), r.street(), r.postcode(), r.city(), r.contractHolder(), r.providerCustomerNumber(),
                    r.desiredDate(), r.atContractEnd());
        }

        PortingInput input() {
            List<NumberInput> list = new ArrayList<>();
            Pattern block = Pattern.compile("^(.*?)\\s*\\(x(10|100|1000)\\)\\s*$");
            for (String line : (numbers == null ? "" : numbers).split("\\r?\\n")) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = block.matcher(line.trim());
                if (m.matches()) {
                    list.add(new NumberInput(m.group(1), m.group(2).length() - 1));
                } else {
                    list.add(new NumberInput(line.trim(), 0));
                }
            }
            String from = otherProvider != null && !otherProvider.isBlank() ? otherProvider : provider;
            return new PortingInput(list, wholeContract, restCancelled, from, companyName, street, postcode, city,
                    contractHolder, providerCustomerNumber, desiredDate, atContractEnd);
        }
    }

    private final PortingAssistant assistant;
    private final PortingReview review;
    private final InstanceManagement instances;
    private final java.time.Clock clock;

    PortingPages(PortingAssistant assistant, PortingReview review, InstanceManagement instances, java.time.Clock clock) {
        this.assistant = assistant;
        this.review = review;
        this.instances = instances;
        this.clock = clock;
    }

    // ---- the porting assistant -------------------------------------------------------------------

    @GetMapping("/instances/{id}/porting/new")
    String assistant(CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("d", instances.instance(user, new InstanceId(id)));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", AssistantForm.empty());
        }
        model.addAttribute("providers", assistant.providers());
        model.addAttribute("earliest", PortingCalendar.earliest(LocalDate.now(clock)));
        model.addAttribute("latest", PortingCalendar.latest(LocalDate.now(clock)));
        model.addAttribute("action", "/instances/" + id + "/porting");
        return "numbers/assistant";
    }

    @PostMapping("/instances/{id}/porting")
    String create(CurrentUser user, @PathVariable UUID id, @ModelAttribute("form") AssistantForm form,
            @RequestParam(defaultValue = "save") String step, Model model, RedirectAttributes redirect) {
        if (step.equals("check")) {
            if (PageForms.submit(model, () -> model.addAttribute("warnings", assistant.check(form.input())))) {
                model.addAttribute("checked", true);
            }
            return assistant(user, id, model);
        }
        PortingOrder[] made = new PortingOrder[1];
        if (PageForms.submit(model, () -> made[0] = assistant.create(user, new InstanceId(id), form.input()))) {
            redirect.addFlashAttribute("notice", "Saved. Download the form, sign and stamp it, and upload the scan.");
            return "redirect:/numbers/porting/" + made[0].id();
        }
        return assistant(user, id, model);
    }

    @GetMapping("/numbers/porting/{orderId}/edit")
    String edit(CurrentUser user, @PathVariable UUID orderId, Model model) {
        PortingOrder order = review.order(user, orderId);
        model.addAttribute("form", AssistantForm.of(order.request()));
        return editPage(user, order, model);
    }

    private String editPage(CurrentUser user, PortingOrder order, Model model) {
        assistant(user, order.instanceId().value(), model);
        model.addAttribute("action", "/numbers/porting/" + order.id() + "/edit");
        model.addAttribute("editing", order);
        return "numbers/assistant";
    }

    @PostMapping("/numbers/porting/{orderId}/edit")
    String update(CurrentUser user, @PathVariable UUID orderId, @ModelAttribute("form") AssistantForm form,
            @RequestParam(defaultValue = "save") String step, Model model, RedirectAttributes redirect) {
        PortingOrder order = review.order(user, orderId);
        if (step.equals("check")) {
            if (PageForms.submit(model, () -> model.addAttribute("warnings", assistant.check(form.input())))) {
                model.addAttribute("checked", true);
            }
            return editPage(user, order, model);
        }
        if (PageForms.submit(model, () -> assistant.update(user, orderId, form.input()))) {
            redirect.addFlashAttribute("notice", "Corrected. Download the new form, sign it and upload the scan again.");
            return "redirect:/numbers/porting/" + orderId;
        }
        return editPage(user, order, model);
    }

    @GetMapping("/numbers/porting/{orderId}")
    String order(CurrentUser user, @PathVariable UUID orderId, Model model) {
        PortingOrder order = review.order(user, orderId);
        model.addAttribute("o", order);
        model.addAttribute("d", instances.instance(user, order.instanceId()));
        model.addAttribute("codes", RejectionCode.values());
        model.addAttribute("operator", user.isOperator());
        model.addAttribute("preparing", user.isCustomerAdmin() || user.isPartner() || user.isOperator());
        return "numbers/porting-order";
    }

    @GetMapping("/numbers/porting/{orderId}/form.pdf")
    ResponseEntity<byte[]> form(CurrentUser user, @PathVariable UUID orderId) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"porting-request-" + orderId + ".pdf\"")
                .body(assistant.form(user, orderId));
    }

    @GetMapping("/numbers/porting/{orderId}/signed-form")
    ResponseEntity<byte[]> signed(CurrentUser user, @PathVariable UUID orderId) {
        var d = assistant.document(user, orderId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(d.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + d.name() + "\"").body(d.content());
    }

    @PostMapping("/numbers/porting/{orderId}/signed-form")
    String upload(CurrentUser user, @PathVariable UUID orderId, @RequestParam(required = false) MultipartFile file,
            Model model, RedirectAttributes redirect) throws IOException {
        byte[] content = file == null ? null : file.getBytes();
        String name = file == null ? null : file.getOriginalFilename();
        if (PageForms.submit(model, () -> assistant.upload(user, orderId, name, content))) {
            redirect.addFlashAttribute("notice", "The signed form is uploaded. Submit the order when you are ready.");
            return "redirect:/numbers/porting/" + orderId;
        }
        return order(user, orderId, model);
    }

    @PostMapping("/numbers/porting/{orderId}/{action:submission|cancellation}")
    String act(CurrentUser user, @PathVariable UUID orderId, @PathVariable String action, Model model,
            RedirectAttributes redirect) {
        boolean submitting = action.equals("submission");
        if (PageForms.submit(model, () -> {
            if (submitting) {
                review.submit(user, orderId);
            } else {
                review.cancel(user, orderId);
            }
        })) {
            redirect.addFlashAttribute("notice", submitting ? "Submitted to the carrier." : "The order is cancelled.");
            return "redirect:/numbers/porting/" + orderId;
        }
        return order(user, orderId, model);
    }

    @PostMapping("/numbers/porting/{orderId}/confirmation")
    String confirm(CurrentUser user, @PathVariable UUID orderId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate portingDate,
            Model model, RedirectAttributes redirect) {
        if (PageForms.submit(model, () -> review.confirm(user, orderId, portingDate))) {
            redirect.addFlashAttribute("notice", "Confirmed for " + portingDate + "; the customer and partner are told.");
            return "redirect:/numbers/porting/" + orderId;
        }
        return order(user, orderId, model);
    }

    @PostMapping("/numbers/porting/{orderId}/rejection")
    String reject(CurrentUser user, @PathVariable UUID orderId, @RequestParam(required = false) String code,
            @RequestParam(required = false) String text, Model model, RedirectAttributes redirect) {
        if (PageForms.submit(model, () -> review.reject(user, orderId, code, text))) {
            redirect.addFlashAttribute("notice", "Rejected; the customer and partner are told what to correct.");
            return "redirect:/numbers/porting/" + orderId;
        }
        return order(user, orderId, model);
    }
}
