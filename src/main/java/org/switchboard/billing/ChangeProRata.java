package org.switchboard.billing;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.switchboard.catalog.Money;
import org.switchboard.instances.ProRataQuote;

/** The change preview's pro-rata amount, by the very rule the invoice's pro-rata line uses. */
@Component
class ChangeProRata implements ProRataQuote {

    private final BillingCalendar calendar;

    ChangeProRata(Clock clock) {
        this.calendar = new BillingCalendar(clock.getZone());
    }

    @Override
    public Money restOfMonth(Money oldMonthlyNet, Money newMonthlyNet, Instant at) {
        return ProRataPolicy.charge(oldMonthlyNet, newMonthlyNet, at, calendar).amount();
    }
}
