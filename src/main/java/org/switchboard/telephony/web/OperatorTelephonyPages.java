package org.switchboard.telephony.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.InvalidInputException.Violation;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;
import org.switchboard.telephony.TrunkAndGuardSettings;

/** The operator's page of the carrier trunk and the toll-fraud guards. */
@WebPage
class OperatorTelephonyPages {

    /** The settings as typed: countries and prefixes separated by spaces or commas; a blank password keeps it. */
    record SettingsForm(String carrierAddress, String carrierTransport, String carrierUsername, String carrierPassword,
            String callerIdHeader, String allowedCountries, String blockedPrefixes, String callsPerMinutePerDevice,
            String concurrentOutboundPerInstance, String dailyAirtimeMinutes, String allowedPrefixes) {

        static SettingsForm of(TrunkAndGuardSettings.View v) {
            return new SettingsForm(v.carrierAddress(), v.carrierTransport(), v.carrierUsername(), "",
                    v.callerIdHeader(), String.join(" ", v.allowedCountries()), String.join(" ", v.blockedPrefixes()),
                    String.valueOf(v.callsPerMinutePerDevice()), String.valueOf(v.concurrentOutboundPerInstance()),
                    String.valueOf(v.dailyAirtimeMinutes()), String.join(" ", v.allowedPrefixes()));
        }
    }

    private final TrunkAndGuardSettings settings;

    OperatorTelephonyPages(TrunkAndGuardSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/operator/telephony")
    String page(CurrentUser user, Model model) {
        TrunkAndGuardSettings.View current = settings.current(user);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", SettingsForm.of(current));
        }
        model.addAttribute("current", current);
        model.addAttribute("headers", List.of("P_ASSERTED_IDENTITY", "P_PREFERRED_IDENTITY", "REMOTE_PARTY_ID", "FROM"));
        return "telephony/operator-settings";
    }

    @PostMapping("/operator/telephony")
    String save(CurrentUser user, @ModelAttribute("form") SettingsForm form, Model model, RedirectAttributes redirect) {
        user.requireOperator("change the carrier trunk and the toll-fraud guards");
        if (FormErrors.submit(model, () -> {
            List<Violation> problems = new ArrayList<>();
            Integer perMinute = whole("callsPerMinutePerDevice", "Calls a minute per device",
                    form.callsPerMinutePerDevice(), problems);
            Integer concurrent = whole("concurrentOutboundPerInstance", "Calls at once per phone system",
                    form.concurrentOutboundPerInstance(), problems);
            Integer airtime = whole("dailyAirtimeMinutes", "Daily airtime cap", form.dailyAirtimeMinutes(), problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            settings.update(user, new TrunkAndGuardSettings.Change(form.carrierAddress(), form.carrierTransport(),
                    form.carrierUsername(), form.carrierPassword(), form.callerIdHeader(), words(form.allowedCountries()),
                    words(form.blockedPrefixes()), perMinute, concurrent, airtime,
                    form.allowedPrefixes() == null ? null : words(form.allowedPrefixes())));
        })) {
            redirect.addFlashAttribute("message", "Saved: calls set up from now on use these settings.");
            return "redirect:/operator/telephony";
        }
        return page(user, model);
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.trim().split("[\\s,;]+")).toList();
    }

    private static Integer whole(String field, String label, String value, List<Violation> problems) {
        if (value == null || value.isBlank()) {
            return null; // "is required" comes from the settings' own check
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            problems.add(new Violation(field, label + " must be a whole number, not '"
                    + (value.length() > 20 ? value.substring(0, 20) + "..." : value) + "'"));
            return null;
        }
    }
}
