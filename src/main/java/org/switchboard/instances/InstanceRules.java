package org.switchboard.instances;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The calendar of an instance's life, in one place: a trial runs to the end of its 30th day
 * (day 1 is the day it started, in the platform's time zone); reminders go out at the start of
 * day 23 and day 29 (7 days and 1 day before the last one); a deactivated instance can be
 * subscribed for 30 more days and is then deleted; a term lasts one year.
 */
public final class InstanceRules {

    public static final int TRIAL_DAYS = 30;
    public static final int GRACE_DAYS = 30;
    /** The catalog prices 1 to this many; no instance is sold or licensed beyond. */
    public static final int MAX_CONCURRENT_USERS = org.switchboard.catalog.PriceList.MAX_CONCURRENT_USERS;

    private InstanceRules() {
    }

    /** The start of day {@code day} of a trial begun at {@code start}. */
    static Instant startOfDay(Instant start, int day, ZoneId zone) {
        LocalDate first = start.atZone(zone).toLocalDate();
        return first.plusDays(day - 1L).atStartOfDay(zone).toInstant();
    }

    public static Instant trialEnd(Instant start, ZoneId zone) {
        return startOfDay(start, TRIAL_DAYS + 1, zone);
    }

    public static Instant firstReminder(Instant start, ZoneId zone) {
        return startOfDay(start, TRIAL_DAYS - 7, zone);
    }

    public static Instant lastReminder(Instant start, ZoneId zone) {
        return startOfDay(start, TRIAL_DAYS - 1, zone);
    }

    public static Instant deletionDue(Instant deactivatedAt) {
        return deactivatedAt.plus(Duration.ofDays(GRACE_DAYS));
    }

    public static Instant termEnd(Instant termStart, ZoneId zone) {
        return termStart.atZone(zone).plusYears(1).toInstant();
    }

    /** Whole days of the trial left, counting today: 30 on its first day, 1 on its last. */
    public static long trialDaysLeft(Instant trialEnd, Instant now, ZoneId zone) {
        if (!now.isBefore(trialEnd)) {
            return 0;
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate end = trialEnd.atZone(zone).toLocalDate();
        return java.time.temporal.ChronoUnit.DAYS.between(today, end);
    }
}
