package org.switchboard.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.PartnerChargeProvider.PartnerCharge;
import org.switchboard.billing.WholesaleTermsProvider.WholesaleBuyer;

/**
 * What an invoice to a partner holds for a closed month. For a CSP partner: per customer (by name)
 * and instance, the very lines the customer would have got from {@link InvoicePolicy} (pro-rata,
 * the next month's fee in advance, airtime by zone), each at the retail amount less the partner's
 * discount rate, rounded once, half-up, to the cent, and labelled with the customer. Then the
 * partner's own charges (webinar seats), in the order they were made, at their net.
 */
public final class PartnerInvoicePolicy {

    /** The retail lines {@link InvoicePolicy} composed for one customer of the partner. */
    public record CustomerLines(CustomerId customerId, String customerName, List<InvoiceLine> retail) {

        public CustomerLines {
            retail = List.copyOf(retail);
        }
    }

    /** A line of an invoice to a partner and the customer it was bought for (null for a charge). */
    public record PartnerLine(CustomerId customerId, InvoiceLine line) {
    }

    private static final int NAME = 80;

    private PartnerInvoicePolicy() {
    }

    public static List<PartnerLine> compose(WholesaleBuyer buyer, List<CustomerLines> customers,
            List<PartnerCharge> charges) {
        List<PartnerLine> lines = new ArrayList<>();
        if (buyer != null) {
            List<CustomerLines> ordered = new ArrayList<>(customers);
            ordered.sort(Comparator.comparing(CustomerLines::customerName, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(c -> c.customerId().value()));
            for (CustomerLines customer : ordered) {
                for (InvoiceLine retail : customer.retail()) {
                    lines.add(new PartnerLine(customer.customerId(), wholesale(buyer, customer, retail)));
                }
            }
        }
        List<PartnerCharge> byTime = new ArrayList<>(charges);
        byTime.sort(Comparator.comparing(PartnerCharge::chargedAt).thenComparing(PartnerCharge::id));
        for (PartnerCharge charge : byTime) {
            lines.add(new PartnerLine(null, new InvoiceLine(null, InvoiceLine.Kind.TRAINING, charge.description(),
                    null, null, "1 seat", charge.net())));
        }
        return lines;
    }

    /** The retail lines of one customer as its CSP partner buys them, e.g. for the preview. */
    public static List<InvoiceLine> wholesale(WholesaleBuyer buyer, CustomerLines customer) {
        return customer.retail().stream().map(l -> wholesale(buyer, customer, l)).toList();
    }

    static InvoiceLine wholesale(WholesaleBuyer buyer, CustomerLines customer, InvoiceLine retail) {
        String description = label(customer) + " · " + withoutAppendix(retail.description()) + " · retail "
                + retail.amount() + " less " + percent(buyer.discountRate());
        return new InvoiceLine(retail.instanceId(), retail.kind(), description, retail.periodFrom(), retail.periodTo(),
                retail.quantity(), buyer.wholesale(retail.amount()));
    }

    /** An invoice to a partner itemises no calls: its airtime lines do not point to an appendix. */
    static String withoutAppendix(String retail) {
        return retail.replace(" (itemised in the appendix)", "").replace(", itemised in the appendix)", ")");
    }

    /** "Customer Huber GmbH (1a2b3c4d)": the name, shortened if very long, and the start of the customer id. */
    static String label(CustomerLines customer) {
        String name = customer.customerName() == null ? "" : customer.customerName().strip();
        if (name.length() > NAME) {
            name = name.substring(0, NAME - 1) + "…";
        }
        return "Customer " + name + " (" + customer.customerId().value().toString().substring(0, 8) + ")";
    }

    static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT) + "%";
    }
}
