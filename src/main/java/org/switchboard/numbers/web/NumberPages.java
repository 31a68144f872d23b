package org.switchboard.numbers.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.numbers.NumberManagement;
import org.switchboard.numbers.NumberManagement.OrderNumbers;
import org.switchboard.numbers.PortingCalendar;
import org.switchboard.numbers.PortingManagement;
import org.switchboard.numbers.PortingManagement.NumberInput;
import org.switchboard.numbers.PortingManagement.PortingInput;
import org.switchboard.numbers.PortingOrder;
import org.switchboard.numbers.PortingRequest;
import org.switchboard.numbers.RejectionCode;
import org.switchboard.numbers.TrunkManagement;
import org.switchboard.numbers.TrunkManagement.NewTrunk;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;

/**
 * The numbers of a phone system (ordering, routing, caller ids, releasing), the porting assistant
 * and a porting order's page (with the operator's answer for the carrier), and the trunks.
 */
@WebPage
class NumberPages {

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

    record RouteForm(String number, String target, String extensions) {
    }

    private final NumberManagement numbers;
    private final PortingManagement porting;
    private final TrunkManagement trunks;
    private final InstanceManagement instances;
    private final SubjectManagement subjects;
    private final java.time.Clock clock;

    NumberPages(NumberManagement numbers, PortingManagement porting, TrunkManagement trunks,
            InstanceManagement instances, SubjectManagement subjects, java.time.Clock clock) {
        this.clock = clock;
        this.numbers = numbers;
        this.porting = porting;
        this.trunks = trunks;
        this.instances = instances;
        this.subjects = subjects;
    }

    // ---- an instance's numbers -------------------------------------------------------------------

    @GetMapping("/instances/{id}/numbers")
    String page(CurrentUser user, @PathVariable UUID id, Model model) {
        InstanceId instance = new InstanceId(id);
        model.addAttribute("d", instances.instance(user, instance));
        model.addAttribute("held", numbers.numbers(user, instance));
        model.addAttribute("callerIds", numbers.callerIds(user, instance));
        model.addAttribute("subjects", subjects.subjects(user, instance));
        model.addAttribute("areas", numbers.freeAreas());
        model.addAttribute("prices", numbers.prices());
        model.addAttribute("orders", porting.orders(user, instance));
        model.addAttribute("trunks", trunks.trunks(user, instance));
        model.addAttribute("templates", trunks.templates());
        model.addAttribute("admin", user.isCustomerAdmin() || user.isOperator());
        if (!model.containsAttribute("order")) {
            model.addAttribute("order", new OrderNumbers("", "SINGLE", 10, null, "", "", "", false));
        }
        if (!model.containsAttribute("trunk")) {
            model.addAttribute("trunk", new NewTrunk(null, "", "", "", "", List.of()));
        }
        return "numbers/instance";
    }

    @PostMapping("/instances/{id}/numbers/orders")
    String order(CurrentUser user, @PathVariable UUID id, @ModelAttribute("order") OrderNumbers form, Model model,
            RedirectAttributes redirect) {
        var made = new org.switchboard.numbers.NumberRange[1];
        if (submit(model, () -> made[0] = numbers.order(user, new InstanceId(id), form))) {
            redirect.addFlashAttribute("notice", "Ordered " + made[0].label() + ": active now.");
            return "redirect:/instances/" + id + "/numbers";
        }
        return page(user, id, model);
    }

    @PostMapping("/instances/{id}/numbers/{rangeId}/release")
    String release(CurrentUser user, @PathVariable UUID id, @PathVariable UUID rangeId, RedirectAttributes redirect) {
        numbers.release(user, new InstanceId(id), rangeId);
        redirect.addFlashAttribute("notice", "Released: the numbers no longer ring and cost nothing from now.");
        return "redirect:/instances/" + id + "/numbers";
    }

    @PostMapping("/instances/{id}/numbers/routes")
    String route(CurrentUser user, @PathVariable UUID id, @ModelAttribute RouteForm form, Model model,
            RedirectAttributes redirect) {
        List<String> extensions = form.extensions() == null ? List.of()
                : Arrays.stream(form.extensions().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        if (submit(model, () -> numbers.assign(user, new InstanceId(id), form.number(),
                new NumberManagement.Assign(form.target(), extensions)))) {
            redirect.addFlashAttribute("notice", "Calls to " + form.number() + " now go to the "
                    + form.target().toLowerCase().replace('_', ' ') + (extensions.isEmpty() ? "" : " " + extensions) + ".");
            return "redirect:/instances/" + id + "/numbers";
        }
        return page(user, id, model);
    }

    @PostMapping("/instances/{id}/numbers/caller-ids")
    String callerId(CurrentUser user, @PathVariable UUID id, @RequestParam String extension,
            @RequestParam(required = false) String number, Model model, RedirectAttributes redirect) {
        if (submit(model, () -> numbers.setCallerId(user, new InstanceId(id), extension, number))) {
            redirect.addFlashAttribute("notice", "Caller id of " + extension + " saved.");
            return "redirect:/instances/" + id + "/numbers";
        }
        return page(user, id, model);
    }

    @PostMapping("/instances/{id}/trunks")
    String addTrunk(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) UUID templateId,
            @RequestParam(required = false) String name, @RequestParam(required = false) String username,
            @RequestParam(required = false) String authUsername, @RequestParam(required = false) String password,
            @RequestParam(required = false) String trunkNumbers, Model model, RedirectAttributes redirect) {
        List<String> list = trunkNumbers == null ? List.of()
                : Arrays.stream(trunkNumbers.split("[\\r\\n,;]+")).filter(s -> !s.isBlank()).toList();
        NewTrunk form = new NewTrunk(templateId, name, username, authUsername, password, list);
        if (submit(model, () -> trunks.add(user, new InstanceId(id), form))) {
            redirect.addFlashAttribute("notice", "Trunk " + name + " added.");
            return "redirect:/instances/" + id + "/numbers#trunks";
        }
        model.addAttribute("trunk", new NewTrunk(templateId, name, username, authUsername, "", list));
        return page(user, id, model);
    }

    @PostMapping("/instances/{id}/trunks/{trunkId}/removal")
    String removeTrunk(CurrentUser user, @PathVariable UUID id, @PathVariable UUID trunkId, RedirectAttributes redirect) {
        trunks.remove(user, new InstanceId(id), trunkId);
        redirect.addFlashAttribute("notice", "Trunk removed.");
        return "redirect:/instances/" + id + "/numbers#trunks";
    }

    // ---- the porting assistant -------------------------------------------------------------------

    @GetMapping("/instances/{id}/porting/new")
    String assistant(CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("d", instances.instance(user, new InstanceId(id)));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", AssistantForm.empty());
        }
        model.addAttribute("providers", porting.providers());
        model.addAttribute("earliest", PortingCalendar.earliest(LocalDate.now(clock)));
        model.addAttribute("latest", PortingCalendar.latest(LocalDate.now(clock)));
        model.addAttribute("action", "/instances/" + id + "/porting");
        return "numbers/assistant";
    }

    @PostMapping("/instances/{id}/porting")
    String create(CurrentUser user, @PathVariable UUID id, @ModelAttribute("form") AssistantForm form,
            @RequestParam(defaultValue = "save") String step, Model model, RedirectAttributes redirect) {
        if (step.equals("check")) {
            if (submit(model, () -> model.addAttribute("warnings", porting.check(form.input())))) {
                model.addAttribute("checked", true);
            }
            return assistant(user, id, model);
        }
        PortingOrder[] made = new PortingOrder[1];
        if (submit(model, () -> made[0] = porting.create(user, new InstanceId(id), form.input()))) {
            redirect.addFlashAttribute("notice", "Saved. Download the form, sign and stamp it, and upload the scan.");
            return "redirect:/numbers/porting/" + made[0].id();
        }
        return assistant(user, id, model);
    }

    @GetMapping("/numbers/porting/{orderId}/edit")
    String edit(CurrentUser user, @PathVariable UUID orderId, Model model) {
        PortingOrder order = porting.order(user, orderId);
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
        PortingOrder order = porting.order(user, orderId);
        if (step.equals("check")) {
            if (submit(model, () -> model.addAttribute("warnings", porting.check(form.input())))) {
                model.addAttribute("checked", true);
            }
            return editPage(user, order, model);
        }
        if (submit(model, () -> porting.update(user, orderId, form.input()))) {
            redirect.addFlashAttribute("notice", "Corrected. Download the new form, sign it and upload the scan again.");
            return "redirect:/numbers/porting/" + orderId;
        }
        return editPage(user, order, model);
    }

    @GetMapping("/numbers/porting/{orderId}")
    String order(CurrentUser user, @PathVariable UUID orderId, Model model) {
        PortingOrder order = porting.order(user, orderId);
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
                .body(porting.form(user, orderId));
    }

    @GetMapping("/numbers/porting/{orderId}/signed-form")
    ResponseEntity<byte[]> signed(CurrentUser user, @PathVariable UUID orderId) {
        var d = porting.document(user, orderId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(d.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + d.name() + "\"").body(d.content());
    }

    @PostMapping("/numbers/porting/{orderId}/signed-form")
    String upload(CurrentUser user, @PathVariable UUID orderId, @RequestParam(required = false) MultipartFile file,
            Model model, RedirectAttributes redirect) throws IOException {
        byte[] content = file == null ? null : file.getBytes();
        String name = file == null ? null : file.getOriginalFilename();
        if (submit(model, () -> porting.upload(user, orderId, name, content))) {
            redirect.addFlashAttribute("notice", "The signed form is uploaded. Submit the order when you are ready.");
            return "redirect:/numbers/porting/" + orderId;
        }
        return order(user, orderId, model);
    }

    @PostMapping("/numbers/porting/{orderId}/{action:submission|cancellation}")
    String act(CurrentUser user, @PathVariable UUID orderId, @PathVariable String action, Model model,
            RedirectAttributes redirect) {
        boolean submitting = action.equals("submission");
        if (submit(model, () -> {
            if (submitting) {
                porting.submit(user, orderId);
            } else {
                porting.cancel(user, orderId);
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
        if (submit(model, () -> porting.confirm(user, orderId, portingDate))) {
            redirect.addFlashAttribute("notice", "Confirmed for " + portingDate + "; the customer and partner are told.");
            return "redirect:/numbers/porting/" + orderId;
        }
        return order(user, orderId, model);
    }

    @PostMapping("/numbers/porting/{orderId}/rejection")
    String reject(CurrentUser user, @PathVariable UUID orderId, @RequestParam(required = false) String code,
            @RequestParam(required = false) String text, Model model, RedirectAttributes redirect) {
        if (submit(model, () -> porting.reject(user, orderId, code, text))) {
            redirect.addFlashAttribute("notice", "Rejected; the customer and partner are told what to correct.");
            return "redirect:/numbers/porting/" + orderId;
        }
        return order(user, orderId, model);
    }

    /** Like {@link FormErrors#submit}, and a refusal of the rules shows beside the form too. */
    static boolean submit(Model model, Runnable useCase) {
        try {
            return FormErrors.submit(model, useCase);
        } catch (RefusedException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(List.of(
                    new InvalidInputException.Violation(e.field() == null ? FormErrors.FORM : e.field(), e.getMessage()))));
            return false;
        }
    }
}
