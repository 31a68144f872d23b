package org.switchboard.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Month boundaries in the platform's time zone (Europe/Berlin): a month runs from its first day
 * 00:00 to the next month's first day 00:00, so it has 44,580 to 44,700 minutes around the clock changes.
 */
public record BillingCalendar(ZoneId zone) {

    public BillingCalendar {
        Objects.requireNonNull(zone);
    }

    public Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    public Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }

    public YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(zone));
    }

    public long minutesIn(YearMonth month) {
        return Duration.between(start(month), end(month)).toMinutes();
    }
}
