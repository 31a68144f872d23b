package org.switchboard.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;

/**
 * An invoice (or credit note) got its number and will not change again: for the partner
 * programme's turnover and commissions, the net split into subscriptions and airtime.
 * <ul>
 * <li>To a customer: {@code customerId} set, {@code partnerId} its partner (null for a customer
 * without one), {@code wholesale} false.</li>
 * <li>To a partner: {@code customerId} null. {@code netSubscriptions} and {@code netAirtime} are
 * what the partner bought as CSP at the wholesale price for its customers ({@code wholesale}
 * true when it bought any): turnover that earns no commission. {@code partnerCharges} are the ids
 * of the partner programme's charges (webinar seats) the invoice holds.</li>
 * <li>A credit note an operator issued against an invoice (to a customer or to a partner) has
 * negative nets and names that invoice in {@code corrects} (null otherwise), so that the
 * commission is taken back at the rate it was earned at; it holds no charges.</li>
 * </ul>
 */
public record InvoiceFinalised(UUID invoiceId, String number, CustomerId customerId, PartnerId partnerId,
        YearMonth month, Money netSubscriptions, Money netAirtime, LocalDate issuedOn, boolean wholesale,
        List<UUID> partnerCharges, UUID corrects) {

    public InvoiceFinalised {
        partnerCharges = partnerCharges == null ? List.of() : List.copyOf(partnerCharges);
    }

    /**
     * The event of an invoice just numbered {@code number} on {@code issuedOn}: wholesale when it
     * goes to a partner and holds anything but training, correcting what its {@code corrects} names.
     */
    static InvoiceFinalised of(Invoice invoice, String number, LocalDate issuedOn, List<UUID> partnerCharges) {
        boolean wholesale = invoice.toPartner()
                && invoice.lines().stream().anyMatch(l -> l.kind() != InvoiceLine.Kind.TRAINING);
        return new InvoiceFinalised(invoice.id(), number, invoice.customerId(), invoice.partnerId(), invoice.month(),
                invoice.totals().netSubscriptions(), invoice.totals().netAirtime(), issuedOn, wholesale, partnerCharges,
                invoice.corrects() == null ? null : invoice.corrects().invoiceId());
    }

    /** Whether the invoice went to the partner itself (wholesale purchases, charges) rather than to a customer. */
    public boolean toPartner() {
        return customerId == null;
    }
}
