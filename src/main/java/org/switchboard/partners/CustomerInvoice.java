package org.switchboard.partners;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;

/**
 * A finalised invoice for a partner's customer, as billing hands it in: the base of the partner's
 * turnover and commission. {@code wholesale} is true when the invoice went to a CSP partner at
 * the wholesale price (it counts as turnover, but earns no commission); such an invoice covers
 * all the customers the partner bought for in a month, so its {@code customerId} is null.
 */
public record CustomerInvoice(UUID invoiceId, CustomerId customerId, PartnerId partnerId, LocalDate finalisedOn,
        Money subscriptionsNet, Money airtimeNet, boolean wholesale) {

    public CustomerInvoice {
        Objects.requireNonNull(invoiceId, "invoiceId");
        if (!wholesale) {
            Objects.requireNonNull(customerId, "customerId");
        }
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(finalisedOn, "finalisedOn");
        Objects.requireNonNull(subscriptionsNet, "subscriptionsNet");
        Objects.requireNonNull(airtimeNet, "airtimeNet");
    }

    public Money net() {
        return subscriptionsNet.plus(airtimeNet);
    }
}
