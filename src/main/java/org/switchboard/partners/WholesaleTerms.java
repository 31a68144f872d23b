package org.switchboard.partners;

import java.math.BigDecimal;

import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;

/**
 * A CSP partner buys its customers' subscriptions and airtime at the retail price less the
 * commission rate of its level, and invoices the customers itself.
 */
public record WholesaleTerms(PartnerId partnerId, PartnerLevel level, BigDecimal discountRate) {

    public Money wholesale(Money retail) {
        return retail.times(BigDecimal.ONE.subtract(discountRate));
    }
}
