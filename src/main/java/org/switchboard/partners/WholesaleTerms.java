package org.switchboard.partners;

import java.math.BigDecimal;

import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.billing.WholesaleTermsProvider.WholesaleBuyer;
import org.switchboard.catalog.Money;

/**
 * A CSP partner buys its customers' subscriptions and airtime at the retail price less the
 * commission rate of its level, and invoices the customers itself. The price itself is billing's
 * rule ({@link WholesaleBuyer#wholesale}), which invoices the partner at it.
 */
public record WholesaleTerms(PartnerId partnerId, PartnerLevel level, BigDecimal discountRate) {

    public Money wholesale(Money retail) {
        return buyer().wholesale(retail);
    }

    /** These terms as billing knows them. */
    public WholesaleBuyer buyer() {
        return new WholesaleBuyer(partnerId, discountRate);
    }
}
