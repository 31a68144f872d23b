package org.switchboard.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;

/**
 * Who buys a customer's subscriptions and airtime at the wholesale price instead of the customer:
 * a CSP partner, which invoices its customers itself. Billing asks when it creates an invoice run
 * and for the preview; the partner programme answers (it implements this with a bean, so that
 * billing does not depend on it). Without an implementation every customer is invoiced itself.
 */
public interface WholesaleTermsProvider {

    /** A CSP partner and the share taken off the retail price, e.g. 0.15 at the Certified level. */
    record WholesaleBuyer(PartnerId partnerId, BigDecimal discountRate) {

        public WholesaleBuyer {
            if (discountRate.signum() < 0 || discountRate.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("A discount rate is at least 0 and below 1: " + discountRate);
            }
        }

        /** The retail amount less the discount, rounded once, half-up, to the cent. */
        public Money wholesale(Money retail) {
            return retail.times(BigDecimal.ONE.subtract(discountRate));
        }
    }

    /** Every partner buying as CSP now, with its discount rate. */
    List<WholesaleBuyer> wholesaleBuyers();

    /** The CSP partner buying for this customer, if its partner is one. */
    Optional<WholesaleBuyer> wholesaleBuyerOf(CustomerId customer);

    WholesaleTermsProvider NONE = new WholesaleTermsProvider() {
        @Override
        public List<WholesaleBuyer> wholesaleBuyers() {
            return List.of();
        }

        @Override
        public Optional<WholesaleBuyer> wholesaleBuyerOf(CustomerId customer) {
            return Optional.empty();
        }
    };
}
