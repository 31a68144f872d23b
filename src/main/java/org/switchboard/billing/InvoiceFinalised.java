package org.switchboard.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;

/**
 * An invoice (or credit note) got its number and will not change again: for the partner
 * programme's commissions, the net split into subscriptions and airtime. {@code partnerId} is
 * null for a customer without a partner. A credit note an operator issued against an invoice has
 * negative nets and names that invoice in {@code corrects} (null otherwise), so that the
 * commission is taken back at the rate it was earned at.
 */
public record InvoiceFinalised(UUID invoiceId, String number, CustomerId customerId, PartnerId partnerId,
        YearMonth month, Money netSubscriptions, Money netAirtime, LocalDate issuedOn, UUID corrects) {

    /** An invoice of a run (or a run's credit note), correcting nothing. */
    public InvoiceFinalised(UUID invoiceId, String number, CustomerId customerId, PartnerId partnerId,
            YearMonth month, Money netSubscriptions, Money netAirtime, LocalDate issuedOn) {
        this(invoiceId, number, customerId, partnerId, month, netSubscriptions, netAirtime, issuedOn, null);
    }
}
