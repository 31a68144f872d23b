package org.switchboard.instances.web;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;

/** The operator's trial settings, API-only before: how many concurrent users a new trial gets. */
@WebPage
class OperatorTrialPages {

    /** The trial size as typed. */
    record TrialForm(String trialConcurrentUsers) {
    }

    private final InstanceManagement instances;

    OperatorTrialPages(InstanceManagement instances) {
        this.instances = instances;
    }

    @GetMapping("/operator/trials")
    String page(CurrentUser user, Model model) {
        user.requireOperator("set the trial size");
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new TrialForm(Integer.toString(instances.trialConcurrentUsers())));
        }
        return "instances/operator-trials";
    }

    @PostMapping("/operator/trials")
    String save(CurrentUser user, @ModelAttribute("form") TrialForm form, Model model, RedirectAttributes redirect) {
        user.requireOperator("set the trial size");
        int[] saved = new int[1];
        if (FormErrors.submit(model, () -> saved[0] = instances.changeTrialConcurrentUsers(user,
                wholeNumber(form.trialConcurrentUsers())))) {
            redirect.addFlashAttribute("message", "Saved: a new trial gets " + saved[0]
                    + (saved[0] == 1 ? " concurrent user" : " concurrent users") + "; trials already running keep theirs.");
            return "redirect:/operator/trials";
        }
        return page(user, model);
    }

    /** Null for blank (the rule says it is required); a violation for anything but a whole number. */
    private static Integer wholeNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (!text.matches("[+-]?\\d{1,9}")) {
            throw new InvalidInputException("trialConcurrentUsers",
                    "Trial size must be a whole number between 1 and 1000, not '"
                            + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'");
        }
        return Integer.valueOf(text);
    }
}
