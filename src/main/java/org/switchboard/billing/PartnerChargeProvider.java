package org.switchboard.billing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;

/**
 * Charges of the partner programme to invoice to partners (seats in premium training webinars).
 * Billing takes the charges made before a month's end into that month's run, each once (its id
 * is the key), and tells which it invoiced in {@link InvoiceFinalised#partnerCharges()}. The
 * partner programme implements this with a bean, so that billing does not depend on it.
 */
public interface PartnerChargeProvider {

    /** A net amount owed by a partner, made at {@code chargedAt}; {@code id} identifies it for good. */
    record PartnerCharge(UUID id, PartnerId partnerId, String description, Money net, Instant chargedAt) {

        public PartnerCharge {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(partnerId, "partnerId");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(net, "net");
            Objects.requireNonNull(chargedAt, "chargedAt");
        }
    }

    /** The charges not yet confirmed as invoiced (some may be in a run already: billing keeps each once). */
    List<PartnerCharge> chargesToInvoice();

    PartnerChargeProvider NONE = List::of;
}
