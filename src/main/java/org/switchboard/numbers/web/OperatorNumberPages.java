package org.switchboard.numbers.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.numbers.NumberInventory;
import org.switchboard.numbers.NumberInventory.ImportRange;
import org.switchboard.numbers.NumberInventory.Settings;
import org.switchboard.numbers.NumberRange;
import org.switchboard.numbers.PortingAssistant;
import org.switchboard.numbers.PortingOut;
import org.switchboard.numbers.PortingReview;
import org.switchboard.numbers.TrunkManagement;
import org.switchboard.numbers.TrunkManagement.NewTemplate;
import org.switchboard.platform.web.WebPage;

/** Operators: the number inventory with its import and settings, the porting queue, trunk templates. */
@WebPage
class OperatorNumberPages {

    private final NumberInventory numbers;
    private final PortingOut portingOut;
    private final PortingAssistant assistant;
    private final PortingReview review;
    private final TrunkManagement trunks;

    OperatorNumberPages(NumberInventory numbers, PortingOut portingOut, PortingAssistant assistant,
            PortingReview review, TrunkManagement trunks) {
        this.numbers = numbers;
        this.portingOut = portingOut;
        this.assistant = assistant;
        this.review = review;
        this.trunks = trunks;
    }

    @GetMapping("/operator/numbers")
    String inventory(CurrentUser user, @RequestParam(required = false) String state,
            @RequestParam(required = false) String areaCode, Model model) {
        model.addAttribute("ranges", numbers.inventory(user, state, areaCode));
        model.addAttribute("state", state);
        model.addAttribute("areaCode", areaCode);
        model.addAttribute("prices", numbers.prices());
        if (!model.containsAttribute("import")) {
            model.addAttribute("import", new ImportRange("SINGLE", "", "", 1, "", ""));
        }
        return "numbers/operator-inventory";
    }

    @PostMapping("/operator/numbers/imports")
    String importRange(CurrentUser user, @ModelAttribute("import") ImportRange form, Model model,
            RedirectAttributes redirect) {
        @SuppressWarnings("unchecked")
        List<NumberRange>[] made = new List[1];
        if (PageForms.submit(model, () -> made[0] = numbers.importRange(user, form))) {
            redirect.addFlashAttribute("notice", "Imported " + made[0].size() + " range"
                    + (made[0].size() == 1 ? "" : "s") + ": " + made[0].get(0).label()
                    + (made[0].size() > 1 ? " and more" : "") + ".");
            return "redirect:/operator/numbers";
        }
        return inventory(user, null, null, model);
    }

    @PostMapping("/operator/numbers/settings")
    String settings(CurrentUser user, @ModelAttribute Settings form, Model model, RedirectAttributes redirect) {
        if (PageForms.submit(model, () -> numbers.updateSettings(user, form))) {
            redirect.addFlashAttribute("notice", "Settings saved; new prices apply to numbers charged from now.");
            return "redirect:/operator/numbers";
        }
        return inventory(user, null, null, model);
    }

    @PostMapping("/operator/numbers/{rangeId}/hold")
    String hold(CurrentUser user, @PathVariable UUID rangeId, @RequestParam boolean held, RedirectAttributes redirect) {
        NumberRange r = numbers.hold(user, rangeId, held);
        redirect.addFlashAttribute("notice", r.label() + " is " + r.state().name().toLowerCase() + " now.");
        return "redirect:/operator/numbers";
    }

    @PostMapping("/operator/numbers/{rangeId}/porting-out")
    String portOut(CurrentUser user, @PathVariable UUID rangeId, @RequestParam String step,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String provider, @RequestParam(required = false) String reason, Model model,
            RedirectAttributes redirect) {
        NumberRange[] r = new NumberRange[1];
        if (PageForms.submit(model, () -> r[0] = portingOut.portOut(user, rangeId,
                new PortingOut.Step(step, date, provider, reason)))) {
            redirect.addFlashAttribute("notice", r[0].label() + " is " + r[0].state().name().toLowerCase().replace('_', ' ')
                    + " now; the customer is told by mail.");
            return "redirect:/operator/numbers";
        }
        return inventory(user, null, null, model);
    }

    @GetMapping("/operator/numbers/{rangeId}/porting-out")
    String portingOutHistory(CurrentUser user, @PathVariable UUID rangeId, Model model) {
        model.addAttribute("history", portingOut.history(user, rangeId));
        return "numbers/porting-out";
    }

    @GetMapping("/operator/porting")
    String queue(CurrentUser user, Model model) {
        model.addAttribute("orders", review.queue(user));
        model.addAttribute("providers", assistant.providers());
        return "numbers/operator-porting";
    }

    @PostMapping("/operator/porting/providers")
    String addProvider(CurrentUser user, @RequestParam(required = false) String name, Model model,
            RedirectAttributes redirect) {
        if (PageForms.submit(model, () -> assistant.addProvider(user, name))) {
            redirect.addFlashAttribute("notice", "Added " + name + " to the releasing providers.");
            return "redirect:/operator/porting";
        }
        return queue(user, model);
    }

    @GetMapping("/operator/trunk-templates")
    String templates(CurrentUser user, Model model) {
        NumberInventory.requireOperatorPage(user);
        model.addAttribute("templates", trunks.templates());
        if (!model.containsAttribute("template")) {
            model.addAttribute("template", new NewTemplate("", "", "", "UDP", "E164", "P_ASSERTED_IDENTITY", true, 3600));
        }
        return "numbers/operator-trunk-templates";
    }

    @PostMapping("/operator/trunk-templates")
    String addTemplate(CurrentUser user, @ModelAttribute("template") NewTemplate form, Model model,
            RedirectAttributes redirect) {
        if (PageForms.submit(model, () -> trunks.addTemplate(user, form))) {
            redirect.addFlashAttribute("notice", "Template for " + form.providerName() + " added.");
            return "redirect:/operator/trunk-templates";
        }
        return templates(user, model);
    }
}
