package org.switchboard.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.switchboard.catalog.Money;

/**
 * The one rule for a change of the monthly net within a month: (new - old monthly net) x minutes
 * left in the month / minutes in the month, computed exactly and rounded once to the cent. A
 * change counts from the start of the minute it happened in. An activation is a change from 0, a
 * deactivation a change to 0 (a credit for the rest of a month paid in advance). A change charged
 * late (after the run of its month) runs over several months: one part per month, each rounded
 * once, the months after its own as whole months paid in advance at the old net.
 */
final class ProRataPolicy {

    private ProRataPolicy() {
    }

    /** The part of a month from {@code at} to its end, and what the change costs for it. */
    record ProRata(Instant from, Instant to, long minutesLeft, long minutesInMonth, Money amount) {

        /** The fraction as it is printed on the line, e.g. {@code 20,880/43,200}. */
        String fraction() {
            return String.format(java.util.Locale.ENGLISH, "%,d/%,d min", minutesLeft, minutesInMonth);
        }
    }

    static ProRata charge(Money oldMonthlyNet, Money newMonthlyNet, Instant at, BillingCalendar calendar) {
        return part(oldMonthlyNet, newMonthlyNet, at, calendar.end(calendar.monthOf(at)), calendar);
    }

    /** The change from {@code at} to {@code until}, split at month ends; parts of no minute are left out. */
    static List<ProRata> parts(Money oldMonthlyNet, Money newMonthlyNet, Instant at, Instant until,
            BillingCalendar calendar) {
        List<ProRata> parts = new ArrayList<>();
        Instant from = at;
        Instant stop = until.truncatedTo(ChronoUnit.MINUTES);
        while (from.truncatedTo(ChronoUnit.MINUTES).isBefore(stop)) {
            Instant monthEnd = calendar.end(calendar.monthOf(from));
            Instant to = stop.isBefore(monthEnd) ? stop : monthEnd;
            parts.add(part(oldMonthlyNet, newMonthlyNet, from, to, calendar));
            from = to;
        }
        return parts;
    }

    private static ProRata part(Money oldMonthlyNet, Money newMonthlyNet, Instant at, Instant to,
            BillingCalendar calendar) {
        YearMonth month = calendar.monthOf(at);
        Instant from = at.truncatedTo(ChronoUnit.MINUTES);
        long minutesLeft = Duration.between(from, to).toMinutes();
        long minutesInMonth = calendar.minutesIn(month);
        BigDecimal difference = newMonthlyNet.minus(oldMonthlyNet).amount();
        BigDecimal exact = difference.multiply(BigDecimal.valueOf(minutesLeft))
                .divide(BigDecimal.valueOf(minutesInMonth), 2, RoundingMode.HALF_UP);
        return new ProRata(from, to, minutesLeft, minutesInMonth, new Money(exact, newMonthlyNet.currency()));
    }
}
