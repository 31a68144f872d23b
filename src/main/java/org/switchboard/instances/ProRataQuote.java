package org.switchboard.instances;

import java.time.Instant;

import org.switchboard.catalog.Money;

/**
 * What a change of the monthly net at an instant costs for the rest of that month, as the next
 * invoice will charge it (negative: a credit). Billing keeps the pro-rata rule and provides this;
 * without billing the change preview shows no amount.
 */
public interface ProRataQuote {

    Money restOfMonth(Money oldMonthlyNet, Money newMonthlyNet, Instant at);
}
