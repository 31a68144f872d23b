package org.switchboard.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.switchboard.billing.InvoiceLine.Kind;
import org.switchboard.billing.NumberChargeProvider.NumberCharge;
import org.switchboard.billing.NumberChargeProvider.NumberFee;
import org.switchboard.catalog.Money;

/**
 * The number lines of a customer's invoice for a closed month, like a subscription's: a charge
 * that started in the month is charged pro rata from its start (to its end, if it ended in the
 * month too); one running into the next month is charged for that month in advance; one that
 * ended in the month after being paid in advance is credited pro rata for the rest of the month.
 * Fees of the month are lines of their own. All from the periods alone, so the run and the
 * preview compose alike and a run started again composes the same lines.
 */
public final class NumberChargePolicy {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private NumberChargePolicy() {
    }

    public static List<InvoiceLine> compose(YearMonth closed, BillingCalendar calendar, List<NumberCharge> charges,
            List<NumberFee> fees) {
        Instant start = calendar.start(closed);
        Instant end = calendar.end(closed);
        Money zero = Money.zero(Money.EUR);
        List<InvoiceLine> lines = new ArrayList<>();
        List<NumberCharge> ordered = new ArrayList<>(charges);
        ordered.sort(Comparator.comparing(NumberCharge::from).thenComparing(NumberCharge::description));
        for (NumberCharge c : ordered) {
            Instant stop = c.until() == null || c.until().isAfter(end) ? end : c.until();
            if (!c.from().isBefore(start) && c.from().isBefore(end)) {
                for (ProRataPolicy.ProRata part : ProRataPolicy.parts(zero, c.monthlyNet(), c.from(), stop, calendar)) {
                    lines.add(line(c, "from " + format(part.from(), calendar) + " to " + format(part.to(), calendar), part));
                }
            } else if (c.from().isBefore(start) && c.until() != null && !c.until().isBefore(start)
                    && c.until().isBefore(end)) {
                for (ProRataPolicy.ProRata part : ProRataPolicy.parts(c.monthlyNet(), zero, c.until(), end, calendar)) {
                    lines.add(line(c, "credit after release, " + format(part.from(), calendar) + " – "
                            + format(part.to(), calendar), part));
                }
            }
            if (c.from().isBefore(end) && (c.until() == null || c.until().isAfter(end))) {
                YearMonth next = closed.plusMonths(1);
                lines.add(new InvoiceLine(c.instanceId(), Kind.NUMBERS, c.description() + " (" + c.monthlyNet()
                        + " a month), " + monthName(next) + " in advance", calendar.start(next), calendar.end(next),
                        "1 month", c.monthlyNet()));
            }
        }
        for (NumberFee fee : fees) {
            if (!fee.at().isBefore(start) && fee.at().isBefore(end)) {
                lines.add(new InvoiceLine(fee.instanceId(), Kind.NUMBERS, fee.description(), fee.at(), fee.at(), "1",
                        fee.net()));
            }
        }
        return lines;
    }

    private static InvoiceLine line(NumberCharge c, String what, ProRataPolicy.ProRata part) {
        return new InvoiceLine(c.instanceId(), Kind.NUMBERS, c.description() + " (" + c.monthlyNet()
                + " a month), " + what + ", " + part.fraction() + " of the month", part.from(), part.to(),
                part.fraction(), part.amount());
    }

    private static String monthName(YearMonth month) {
        return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
    }

    private static String format(Instant instant, BillingCalendar calendar) {
        return AT.format(instant.atZone(calendar.zone()));
    }
}
