package org.switchboard.portal.web;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.VatPolicy;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.CheaperAlternative;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceQuote;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceRules;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.web.WebPage;

/**
 * The subscribe form's price, before the customer confirms: unit price, monthly and annual net,
 * VAT by where the customer is, and the term. A fragment the form reloads on every change.
 */
@WebPage
class SubscriptionPricePage {

    /** What the fragment shows; {@code problem} instead of the figures when the input is not quotable. */
    record SubscriptionPrice(String plan, int concurrentUsers, Money unitPrice, Money monthlyNet, Money annualNet,
            VatPolicy.Treatment vat, Money monthlyVat, Money monthlyGross, LocalDate termStart, LocalDate termLastDay,
            LocalDate firstInvoiceOn, java.math.BigDecimal discountPercent, Money listPrice,
            Optional<CheaperAlternative> cheaper) {
    }

    private final InstanceManagement instances;
    private final Catalog catalog;

    SubscriptionPricePage(InstanceManagement instances, Catalog catalog) {
        this.instances = instances;
        this.catalog = catalog;
    }

    @GetMapping("/instances/{id}/subscription-preview")
    String preview(CurrentUser user, @PathVariable UUID id, @RequestParam Optional<String> plan,
            @RequestParam Optional<String> concurrentUsers, @RequestParam Optional<String> country,
            @RequestParam Optional<String> vatId, Model model) {
        Customer customer = instances.instance(user, new InstanceId(id)).customer(); // 404 unless it may be seen
        try {
            Plan p = Plan.byCode(plan.orElse("basic").trim().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new InvalidInputException("plan", "Choose a plan"));
            int count = count(concurrentUsers.orElse(""));
            LocalDate today = catalog.today();
            PriceQuote quote = catalog.quote(p, count, today);
            // The address being typed in the same form decides the VAT, else the one on file.
            String vatCountry = country.filter(c -> !c.isBlank()).orElse(customer.billingAddress().country());
            String vat = country.filter(c -> !c.isBlank()).isPresent() ? vatId.orElse("") : customer.vatId();
            VatPolicy.Treatment treatment = VatPolicy.treatment(vatCountry, vat);
            Money monthlyVat = treatment.vatOn(quote.monthlyNet());
            model.addAttribute("price", new SubscriptionPrice(p.label(), count, quote.unitPrice(), quote.monthlyNet(),
                    quote.annualNet(), treatment, monthlyVat, quote.monthlyNet().plus(monthlyVat), today,
                    today.plusYears(1).minusDays(1), today.withDayOfMonth(1).plusMonths(1),
                    quote.discountPercent().stripTrailingZeros(), quote.listPrice(), quote.cheaperAlternative()));
        } catch (InvalidInputException e) {
            model.addAttribute("problem", e.violations().get(0).message());
        } catch (RefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "portal/subscription-price :: price";
    }

    private static int count(String value) {
        try {
            int count = Integer.parseInt(value.trim());
            if (count < 1 || count > InstanceRules.MAX_CONCURRENT_USERS) {
                throw new InvalidInputException("concurrentUsers",
                        "Concurrent users must be between 1 and " + InstanceRules.MAX_CONCURRENT_USERS);
            }
            return count;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("concurrentUsers", "Enter the number of concurrent users to see the price");
        }
    }
}
