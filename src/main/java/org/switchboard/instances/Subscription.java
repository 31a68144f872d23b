package org.switchboard.instances;

import java.time.Instant;
import java.util.Objects;

import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceListId;
import org.switchboard.catalog.PriceQuote;

/**
 * The annual subscription of an instance: plan, concurrent users, the price list version it was
 * sold on (kept until renewal) with the resulting unit price and monthly net, and its current term.
 */
public record Subscription(Plan plan, int concurrentUsers, PriceListId priceListId, int priceListVersion,
        Money unitPrice, Money monthlyNet, Instant activatedAt, Instant termStart, Instant termEnd, Mandate mandate) {

    public Subscription {
        Objects.requireNonNull(plan);
        Objects.requireNonNull(priceListId);
        Objects.requireNonNull(termEnd);
        Objects.requireNonNull(mandate);
    }

    Subscription repriced(PriceQuote quote) {
        return new Subscription(quote.plan(), quote.concurrentUsers(), quote.priceListId(), quote.priceListVersion(),
                quote.unitPrice(), quote.monthlyNet(), activatedAt, termStart, termEnd, mandate);
    }

    Subscription renewed(PriceQuote quote, Instant newTermStart, Instant newTermEnd) {
        return new Subscription(quote.plan(), quote.concurrentUsers(), quote.priceListId(), quote.priceListVersion(),
                quote.unitPrice(), quote.monthlyNet(), activatedAt, newTermStart, newTermEnd, mandate);
    }
}
