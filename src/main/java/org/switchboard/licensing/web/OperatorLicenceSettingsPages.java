package org.switchboard.licensing.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.InvalidInputException.Violation;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;

/**
 * The licence engine's timeouts, API-only before: after how long without a heartbeat a desktop
 * session's licence is reclaimed, and after how long a call's.
 */
@WebPage
class OperatorLicenceSettingsPages {

    /** Both timeouts as typed, in seconds. */
    record TimeoutsForm(String heartbeatTimeoutSeconds, String callTimeoutSeconds) {
    }

    private final LicenceManagement licences;

    OperatorLicenceSettingsPages(LicenceManagement licences) {
        this.licences = licences;
    }

    @GetMapping("/operator/licence-settings")
    String page(CurrentUser user, Model model) {
        user.requireOperator("change the licence timeouts");
        Duration[] current = licences.timeouts();
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new TimeoutsForm(Long.toString(current[0].toSeconds()),
                    Long.toString(current[1].toSeconds())));
        }
        model.addAttribute("heartbeat", readable(current[0]));
        model.addAttribute("call", readable(current[1]));
        return "licensing/operator-settings";
    }

    @PostMapping("/operator/licence-settings")
    String save(CurrentUser user, @ModelAttribute("form") TimeoutsForm form, Model model, RedirectAttributes redirect) {
        user.requireOperator("change the licence timeouts");
        Duration[][] saved = new Duration[1][];
        if (FormErrors.submit(model, () -> {
            List<Violation> problems = new ArrayList<>();
            Integer heartbeat = seconds("heartbeatTimeoutSeconds", "The heartbeat timeout", form.heartbeatTimeoutSeconds(), problems);
            Integer call = seconds("callTimeoutSeconds", "The call timeout", form.callTimeoutSeconds(), problems);
            try {
                // A value that is no number arrives as null, which the rule refuses: nothing is saved then.
                saved[0] = licences.changeTimeouts(user, heartbeat, call);
            } catch (InvalidInputException e) {
                // The rule's message for each field that was a number; the reading's for the others.
                e.violations().stream().filter(v -> problems.stream().noneMatch(p -> p.field().equals(v.field())))
                        .forEach(problems::add);
                throw new InvalidInputException(problems);
            }
        })) {
            redirect.addFlashAttribute("message", "Saved: a desktop session is reclaimed after " + readable(saved[0][0])
                    + " without a heartbeat, a call after " + readable(saved[0][1]) + ".");
            return "redirect:/operator/licence-settings";
        }
        return page(user, model);
    }

    /** Null for blank (the rule says what is required); a violation for anything but a whole number. */
    private static Integer seconds(String field, String label, String raw, List<Violation> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (!text.matches("[+-]?\\d{1,9}")) {
            problems.add(new Violation(field, label + " must be a whole number of seconds, not '"
                    + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'"));
            return null;
        }
        return Integer.valueOf(text);
    }

    /** 90 s, 4 h, 2 h 30 min. */
    static String readable(Duration d) {
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append(" h");
        }
        if (m > 0) {
            out.append(out.isEmpty() ? "" : " ").append(m).append(" min");
        }
        if (s > 0 || out.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append(s).append(" s");
        }
        return out.toString();
    }
}
