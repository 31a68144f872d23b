package org.switchboard.numbers.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.numbers.NumberAssignment;
import org.switchboard.numbers.NumberInventory;
import org.switchboard.numbers.NumberOrdering;
import org.switchboard.numbers.NumberOrdering.OrderNumbers;
import org.switchboard.numbers.PortingReview;
import org.switchboard.numbers.TrunkManagement;
import org.switchboard.numbers.TrunkNumbers;
import org.switchboard.numbers.TrunkManagement.NewTrunk;
import org.switchboard.platform.web.WebPage;

/** The numbers of a phone system: ordering, routing, caller ids, releasing, and its trunks. */
@WebPage
class InstanceNumberPages {

    record RouteForm(String number, String target, String extensions) {
    }

    private final NumberInventory inventory;
    private final NumberOrdering ordering;
    private final NumberAssignment assignment;
    private final PortingReview review;
    private final TrunkManagement trunks;
    private final TrunkNumbers trunkNumbers;
    private final InstanceManagement instances;
    private final SubjectManagement subjects;

    InstanceNumberPages(NumberInventory inventory, NumberOrdering ordering, NumberAssignment assignment,
            PortingReview review, TrunkManagement trunks, TrunkNumbers trunkNumbers, InstanceManagement instances,
            SubjectManagement subjects) {
        this.trunkNumbers = trunkNumbers;
        this.inventory = inventory;
        this.ordering = ordering;
        this.assignment = assignment;
        this.review = review;
        this.trunks = trunks;
        this.instances = instances;
        this.subjects = subjects;
    }

    // ---- an instance's numbers -------------------------------------------------------------------

    @GetMapping("/instances/{id}/numbers")
    String page(CurrentUser user, @PathVariable UUID id, Model model) {
        InstanceId instance = new InstanceId(id);
        model.addAttribute("d", instances.instance(user, instance));
        model.addAttribute("held", assignment.numbers(user, instance));
        model.addAttribute("callerIds", assignment.callerIds(user, instance));
        model.addAttribute("subjects", subjects.subjects(user, instance));
        model.addAttribute("areas", ordering.freeAreas());
        model.addAttribute("prices", inventory.prices());
        model.addAttribute("orders", review.orders(user, instance));
        model.addAttribute("trunks", trunks.trunks(user, instance));
        model.addAttribute("trunkRoutes", assignment.trunkRoutes(user, instance));
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
        if (PageForms.submit(model, () -> made[0] = ordering.order(user, new InstanceId(id), form))) {
            redirect.addFlashAttribute("notice", "Ordered " + made[0].label() + ": active now.");
            return "redirect:/instances/" + id + "/numbers";
        }
        return page(user, id, model);
    }

    @PostMapping("/instances/{id}/numbers/{rangeId}/release")
    String release(CurrentUser user, @PathVariable UUID id, @PathVariable UUID rangeId, RedirectAttributes redirect) {
        ordering.release(user, new InstanceId(id), rangeId);
        redirect.addFlashAttribute("notice", "Released: the numbers no longer ring and cost nothing from now.");
        return "redirect:/instances/" + id + "/numbers";
    }

    @PostMapping("/instances/{id}/numbers/routes")
    String route(CurrentUser user, @PathVariable UUID id, @ModelAttribute RouteForm form, Model model,
            RedirectAttributes redirect) {
        List<String> extensions = form.extensions() == null ? List.of()
                : Arrays.stream(form.extensions().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        if (PageForms.submit(model, () -> assignment.assign(user, new InstanceId(id), form.number(),
                new NumberAssignment.Assign(form.target(), extensions)))) {
            redirect.addFlashAttribute("notice", "Calls to " + form.number() + " now go to the "
                    + form.target().toLowerCase().replace('_', ' ') + (extensions.isEmpty() ? "" : " " + extensions) + ".");
            return "redirect:/instances/" + id + "/numbers";
        }
        return page(user, id, model);
    }

    @PostMapping("/instances/{id}/numbers/caller-ids")
    String callerId(CurrentUser user, @PathVariable UUID id, @RequestParam String extension,
            @RequestParam(required = false) String number, Model model, RedirectAttributes redirect) {
        if (PageForms.submit(model, () -> assignment.setCallerId(user, new InstanceId(id), extension, number))) {
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
        if (PageForms.submit(model, () -> trunks.add(user, new InstanceId(id), form))) {
            redirect.addFlashAttribute("notice", "Trunk " + name + " added.");
            return "redirect:/instances/" + id + "/numbers#trunks";
        }
        model.addAttribute("trunk", new NewTrunk(templateId, name, username, authUsername, "", list));
        return page(user, id, model);
    }

    @PostMapping("/instances/{id}/trunks/{trunkId}/numbers")
    String addTrunkNumbers(CurrentUser user, @PathVariable UUID id, @PathVariable UUID trunkId,
            @RequestParam(required = false) String numbers, Model model, RedirectAttributes redirect) {
        List<String> list = numbers == null ? List.of()
                : Arrays.stream(numbers.split("[\\r\\n;]+")).filter(s -> !s.isBlank()).toList();
        if (PageForms.submit(model, () -> trunkNumbers.add(user, new InstanceId(id), trunkId, list))) {
            redirect.addFlashAttribute("notice", "Numbers added to the trunk: route them below, or use them as caller id.");
            return "redirect:/instances/" + id + "/numbers#trunks";
        }
        model.addAttribute("trunkNumbersFor", trunkId);
        model.addAttribute("trunkNumbersText", numbers);
        return page(user, id, model);
    }

    @PostMapping("/instances/{id}/trunks/{trunkId}/numbers/removal")
    String removeTrunkNumbers(CurrentUser user, @PathVariable UUID id, @PathVariable UUID trunkId,
            @RequestParam String number, RedirectAttributes redirect) {
        trunkNumbers.remove(user, new InstanceId(id), trunkId, number);
        redirect.addFlashAttribute("notice", "Removed from the trunk: calls to it no longer reach this phone system.");
        return "redirect:/instances/" + id + "/numbers#trunks";
    }

    @PostMapping("/instances/{id}/trunks/{trunkId}/removal")
    String removeTrunk(CurrentUser user, @PathVariable UUID id, @PathVariable UUID trunkId, RedirectAttributes redirect) {
        trunks.remove(user, new InstanceId(id), trunkId);
        redirect.addFlashAttribute("notice", "Trunk removed.");
        return "redirect:/instances/" + id + "/numbers#trunks";
    }
}
