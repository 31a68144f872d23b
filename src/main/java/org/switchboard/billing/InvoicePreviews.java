package org.switchboard.billing;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.billing.internal.CallRecords;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;

/** The preview of an instance's open month, composed by the same rules as the run. */
@Service
public class InvoicePreviews {

    /**
     * The charges of an instance's open month so far, composed by the same rule as the run: with
     * what no run billed yet, also of earlier months (late call records and changes).
     * {@code invoicedTo} is CUSTOMER, or PARTNER when the customer's CSP partner buys them: then
     * the lines are at wholesale with the partner's VAT (for the partner and operators), and the
     * customer itself sees no lines, only the {@code note} that its partner invoices it.
     */
    public record Preview(InstanceId instanceId, YearMonth month, List<InvoiceLine> lines, InvoiceTotals totals,
            String invoicedTo, String note) {
    }

    private final SubscriptionTimelines timelines;
    private final CallRecords calls;
    private final CustomerDirectory directory;
    private final InstanceManagement instances;
    private final InvoiceComposer composer;
    private final Clock clock;
    private final BillingCalendar calendar;
    private final ObjectProvider<WholesaleTermsProvider> wholesaleTerms;

    InvoicePreviews(SubscriptionTimelines timelines, CallRecords calls, CustomerDirectory directory,
            InstanceManagement instances, InvoiceComposer composer, Clock clock,
            ObjectProvider<WholesaleTermsProvider> wholesaleTerms) {
        this.timelines = timelines;
        this.calls = calls;
        this.directory = directory;
        this.instances = instances;
        this.composer = composer;
        this.clock = clock;
        this.calendar = new BillingCalendar(clock.getZone());
        this.wholesaleTerms = wholesaleTerms;
    }

    @Transactional(readOnly = true)
    public Preview preview(CurrentUser user, InstanceId id) {
        var details = instances.instance(user, id); // 404 unless the caller may see it
        Customer customer = details.customer();
        YearMonth open = calendar.monthOf(clock.instant());
        List<SubscriptionTimeline> own = timelines.of(id).map(List::of).orElse(List.of());
        List<AirtimeSummary> airtime = calls.unbilled(customer.id(), id, calendar.end(open), calendar.zone());
        List<InvoiceLine> lines = composer.previewLines(open, customer.id(), id, own, Map.of(id, airtime));
        Optional<WholesaleTermsProvider.WholesaleBuyer> buyer = wholesaleTerms
                .getIfAvailable(() -> WholesaleTermsProvider.NONE).wholesaleBuyerOf(customer.id());
        if (buyer.isEmpty()) {
            return new Preview(id, open, lines, InvoiceTotals.of(lines, composer.recipient(customer).treatment()),
                    "CUSTOMER", null);
        }
        org.switchboard.accounts.Partner partner = directory.partner(buyer.get().partnerId()).orElseThrow();
        VatPolicy.Treatment partnerVat = composer.recipient(partner).treatment();
        if (user.isCustomer()) {
            return new Preview(id, open, List.of(), InvoiceTotals.of(List.of(), partnerVat), "PARTNER",
                    partner.name() + " invoices this phone system to you; the platform sends you no invoice for it.");
        }
        List<InvoiceLine> wholesale = composer.wholesale(buyer.get(), customer, lines);
        return new Preview(id, open, wholesale, InvoiceTotals.of(wholesale, partnerVat), "PARTNER",
                "Bought by " + partner.name() + " as CSP partner at the retail price less "
                        + PartnerInvoicePolicy.percent(buyer.get().discountRate()) + ", on its monthly invoice.");
    }
}
