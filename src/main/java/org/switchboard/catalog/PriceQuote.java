package org.switchboard.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a concurrent-user count of a plan costs under one price list version: the tier the count
 * falls in, the unit price every concurrent user costs, the monthly and annual net (before VAT)
 * and, where a larger count costs less per month, the cheapest such count.
 */
public record PriceQuote(Plan plan, PriceListId priceListId, int priceListVersion, LocalDate effectiveFrom,
        int concurrentUsers, Tier tier, Money listPrice, Money unitPrice, Money monthlyNet, Money annualNet,
        Optional<CheaperAlternative> cheaperAlternative) {

    public PriceQuote {
        Objects.requireNonNull(plan);
        Objects.requireNonNull(priceListId);
        Objects.requireNonNull(tier);
        Objects.requireNonNull(cheaperAlternative);
    }

    public BigDecimal discountPercent() {
        return tier.discountPercent();
    }
}
