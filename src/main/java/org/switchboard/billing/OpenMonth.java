package org.switchboard.billing;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;

/**
 * A customer's charges of the open month so far, over all its phone systems: what the next invoice
 * will hold if nothing changes (pro-rata changes, fees in advance, numbers, airtime to date). Each
 * phone system's part is {@link InvoicePreviews#preview}; the totals take VAT once on the whole
 * net, as the invoice does.
 */
@Service
public class OpenMonth {

    /** One phone system's part of the open month. */
    public record Part(InstanceDetails instance, InvoicePreviews.Preview preview) {
    }

    /**
     * The customer's open month; {@code totals} empty when a CSP partner invoices the customer (then
     * {@code note} says who does).
     */
    public record Estimate(YearMonth month, List<Part> parts, Optional<InvoiceTotals> totals, String note) {

        public boolean isEmpty() {
            return parts.stream().allMatch(p -> p.preview().lines().isEmpty());
        }
    }

    private final InvoicePreviews invoices;
    private final InstanceManagement instances;

    OpenMonth(InvoicePreviews invoices, InstanceManagement instances) {
        this.invoices = invoices;
        this.instances = instances;
    }

    /** For a customer user: its own phone systems' open month. */
    @Transactional(readOnly = true)
    public Estimate ofCustomer(CurrentUser user) {
        List<Part> parts = new ArrayList<>();
        YearMonth month = null;
        String note = null;
        List<InvoiceLine> all = new ArrayList<>();
        VatPolicy.Treatment treatment = null;
        for (InstanceDetails d : instances.instances(user, Optional.empty())) {
            InvoicePreviews.Preview p = invoices.preview(user, d.instance().id());
            month = p.month();
            parts.add(new Part(d, p));
            all.addAll(p.lines());
            treatment = p.totals().treatment();
            if (p.note() != null) {
                note = p.note();
            }
        }
        Optional<InvoiceTotals> totals = treatment == null || "PARTNER".equals(partsInvoicedTo(parts))
                ? Optional.empty() : Optional.of(InvoiceTotals.of(all, treatment));
        return new Estimate(month, parts, totals, note);
    }

    private static String partsInvoicedTo(List<Part> parts) {
        return parts.stream().map(p -> p.preview().invoicedTo()).filter("PARTNER"::equals).findFirst().orElse("CUSTOMER");
    }
}
