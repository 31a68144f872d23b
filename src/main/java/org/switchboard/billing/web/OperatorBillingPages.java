package org.switchboard.billing.web;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.BillingSettings;
import org.switchboard.billing.CallRecording;
import org.switchboard.billing.Increment;
import org.switchboard.billing.InvoiceSearch;
import org.switchboard.billing.TariffManagement;
import org.switchboard.billing.TariffZone;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.InvalidInputException.Violation;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;

/**
 * Operator pages for what was API-only: every invoice with filters and search, the tariff zones
 * (add, change, remove) with unrated calls rated again, and the billing settings (creditor and seller).
 */
@WebPage
class OperatorBillingPages {

    /** The invoice list's filters as typed. */
    record InvoiceFilters(String month, String status, String customer, String partner, String min, String max, String q) {
    }

    /** A tariff zone as typed: prefixes separated by commas or spaces. */
    record ZoneForm(String name, String prefixes, String pricePerMinute, String increment, String connectFee) {

        static ZoneForm empty() {
            return new ZoneForm("", "", "", "60/60", "0.0000");
        }

        static ZoneForm of(TariffZone z) {
            return new ZoneForm(z.name(), String.join(", ", z.prefixes()), z.pricePerMinute().toPlainString(),
                    z.increment().code(), z.connectFee().toPlainString());
        }
    }

    /** The billing settings as typed; the creditor IBAN left blank keeps the one stored. */
    record SettingsForm(String creditorName, String creditorId, String creditorIban, String creditorBic,
            String daysUntilDue, String street, String postcode, String city, String country, String vatId, String email,
            String phone) {

        static SettingsForm of(BillingSettings.Settings s) {
            return new SettingsForm(s.creditorName(), s.creditorId(), "", s.creditorBic(),
                    s.daysUntilDue() == null ? "" : s.daysUntilDue().toString(), s.street(), s.postcode(), s.city(),
                    s.country(), s.vatId(), s.email(), s.phone());
        }
    }

    private final InvoiceSearch search;
    private final AccountManagement accounts;
    private final TariffManagement tariffs;
    private final CallRecording recording;
    private final BillingSettings settings;

    OperatorBillingPages(InvoiceSearch search, AccountManagement accounts, TariffManagement tariffs,
            CallRecording recording, BillingSettings settings) {
        this.search = search;
        this.accounts = accounts;
        this.tariffs = tariffs;
        this.recording = recording;
        this.settings = settings;
    }

    // ---- invoices -------------------------------------------------------------------------------

    @GetMapping("/operator/billing/invoices")
    String invoices(CurrentUser user, @ModelAttribute("filters") InvoiceFilters filters, Model model) {
        user.requireOperator("see every invoice");
        List<Violation> problems = new ArrayList<>();
        YearMonth month = null;
        if (!blank(filters.month())) {
            try {
                month = YearMonth.parse(filters.month().trim());
            } catch (DateTimeParseException e) {
                problems.add(new Violation("month", "Month must be written as 2026-11, not '" + filters.month() + "'"));
            }
        }
        BigDecimal min = amount("min", "From", filters.min(), problems);
        BigDecimal max = amount("max", "To", filters.max(), problems);
        UUID customer = id("customer", filters.customer(), problems);
        UUID partner = id("partner", filters.partner(), problems);
        if (problems.isEmpty()) {
            model.addAttribute("result", search.search(user,
                    new InvoiceSearch.Filter(month, filters.status(), customer, partner, min, max, filters.q())));
        } else {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(problems));
        }
        model.addAttribute("customers", accounts.customers(user).stream()
                .sorted(java.util.Comparator.comparing(org.switchboard.accounts.Customer::name)).toList());
        model.addAttribute("partners", search.partners(user));
        model.addAttribute("statuses", List.of("SUBMITTED", "COLLECTED", "RETURNED", "TRANSFER", "CREDIT_NOTE"));
        model.addAttribute("maxRows", InvoiceSearch.MAX_ROWS);
        return "billing/operator-invoices";
    }

    // ---- tariff zones and unrated calls ---------------------------------------------------------

    @GetMapping("/operator/billing/zones")
    String zones(CurrentUser user, @RequestParam(required = false) UUID edit, Model model) {
        user.requireOperator("manage billing");
        List<TariffZone> zones = tariffs.tariff().zones();
        model.addAttribute("zones", zones);
        model.addAttribute("increments", Arrays.stream(Increment.values()).map(Increment::code).toList());
        model.addAttribute("unratedCount", recording.countUnrated());
        model.addAttribute("unrated", recording.unrated(50));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", zones.stream().filter(z -> z.id().equals(edit)).findFirst().map(ZoneForm::of)
                    .orElse(ZoneForm.empty()));
        }
        if (!model.containsAttribute("editing")) {
            model.addAttribute("editing", zones.stream().anyMatch(z -> z.id().equals(edit)) ? edit : null);
        }
        return "billing/operator-zones";
    }

    @PostMapping("/operator/billing/zones")
    String createZone(CurrentUser user, @ModelAttribute("form") ZoneForm form, Model model, RedirectAttributes redirect) {
        if (FormErrors.submit(model, () -> tariffs.create(user, command(form)))) {
            redirect.addFlashAttribute("message", "Zone " + form.name().trim() + " was added. Rate the unrated calls again to apply it.");
            return "redirect:/operator/billing/zones";
        }
        model.addAttribute("editing", null);
        return zones(user, null, model);
    }

    @PostMapping("/operator/billing/zones/{id}")
    String updateZone(CurrentUser user, @PathVariable UUID id, @ModelAttribute("form") ZoneForm form, Model model,
            RedirectAttributes redirect) {
        if (FormErrors.submit(model, () -> tariffs.update(user, id, command(form)))) {
            redirect.addFlashAttribute("message", "Zone " + form.name().trim() + " was saved. Calls already rated keep their price.");
            return "redirect:/operator/billing/zones";
        }
        model.addAttribute("editing", id);
        return zones(user, id, model);
    }

    @PostMapping("/operator/billing/zones/{id}/deletion")
    String deleteZone(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        tariffs.delete(user, id);
        redirect.addFlashAttribute("message", "The zone was removed.");
        return "redirect:/operator/billing/zones";
    }

    @PostMapping("/operator/billing/unrated/rerate")
    String rerate(CurrentUser user, RedirectAttributes redirect) {
        user.requireOperator("manage billing");
        int rated = recording.rerateUnrated();
        long left = recording.countUnrated();
        redirect.addFlashAttribute("message", rated + (rated == 1 ? " call was" : " calls were") + " rated; "
                + left + " still unrated.");
        return "redirect:/operator/billing/zones#unrated";
    }

    private static TariffManagement.ZoneCommand command(ZoneForm f) {
        List<Violation> problems = new ArrayList<>();
        BigDecimal price = decimal("pricePerMinute", "Price per minute", f.pricePerMinute(), problems);
        BigDecimal fee = decimal("connectFee", "Connect fee", f.connectFee(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<String> prefixes = f.prefixes() == null ? List.of()
                : Arrays.stream(f.prefixes().split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
        return new TariffManagement.ZoneCommand(f.name() == null ? "" : f.name(), prefixes, price, f.increment(), fee);
    }

    // ---- settings -------------------------------------------------------------------------------

    @GetMapping("/operator/billing/settings")
    String settings(CurrentUser user, Model model) {
        user.requireOperator("manage billing");
        BillingSettings.Settings current = settings.current();
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", SettingsForm.of(current));
        }
        model.addAttribute("maskedIban", BillingApi.masked(current).creditorIban());
        return "billing/operator-settings";
    }

    @PostMapping("/operator/billing/settings")
    String saveSettings(CurrentUser user, @ModelAttribute("form") SettingsForm form, Model model, RedirectAttributes redirect) {
        user.requireOperator("manage billing");
        if (FormErrors.submit(model, () -> {
            List<Violation> problems = new ArrayList<>();
            Integer days = null;
            if (!blank(form.daysUntilDue())) {
                try {
                    days = Integer.valueOf(form.daysUntilDue().trim());
                } catch (NumberFormatException e) {
                    problems.add(new Violation("daysUntilDue", "Days until due must be a whole number"));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            String iban = blank(form.creditorIban()) ? settings.current().creditorIban() : form.creditorIban().trim();
            settings.update(user, new BillingSettings.Settings(form.creditorName(), form.creditorId(), iban,
                    form.creditorBic(), days, form.street(), form.postcode(), form.city(), form.country(), form.vatId(),
                    form.email(), form.phone()));
        })) {
            redirect.addFlashAttribute("message", "The billing settings were saved; the next invoices and direct debits use them.");
            return "redirect:/operator/billing/settings";
        }
        return settings(user, model);
    }

    // ---- parsing --------------------------------------------------------------------------------

    private static BigDecimal amount(String field, String label, String value, List<Violation> problems) {
        return blank(value) ? null : decimal(field, label, value, problems);
    }

    private static BigDecimal decimal(String field, String label, String value, List<Violation> problems) {
        if (blank(value)) {
            problems.add(new Violation(field, label + " is required"));
            return null;
        }
        try {
            return new BigDecimal(value.trim().replace(" ", ""));
        } catch (NumberFormatException e) {
            problems.add(new Violation(field, label + " must be an amount with a decimal point, e.g. 12.50, not '" + value + "'"));
            return null;
        }
    }

    private static UUID id(String field, String value, List<Violation> problems) {
        if (blank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            problems.add(new Violation(field, "Choose from the list"));
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
