package org.switchboard.numbers;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * Working days for porting dates: Monday to Friday without Germany's nationwide public holidays
 * (New Year, Good Friday, Easter Monday, 1 May, Ascension Day, Whit Monday, 3 October, Christmas
 * Day and Boxing Day). Holidays of single states are not counted: an approximation, so the window
 * may open a day or two earlier than a carrier in such a state would accept.
 */
public final class PortingCalendar {

    /** The earliest porting date is this many working days after today. */
    public static final int LEAD_WORKING_DAYS = 15;
    /** The latest desired date is this many days after today (unless at the end of the contract). */
    public static final int LATEST_DAYS = 180;

    private static final Set<MonthDay> FIXED = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(10, 3),
            MonthDay.of(12, 25), MonthDay.of(12, 26));

    private PortingCalendar() {
    }

    public static boolean workingDay(LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        if (FIXED.contains(MonthDay.from(day))) {
            return false;
        }
        LocalDate easter = easterSunday(day.getYear());
        return !(day.equals(easter.minusDays(2)) || day.equals(easter.plusDays(1)) || day.equals(easter.plusDays(39))
                || day.equals(easter.plusDays(50)));
    }

    public static LocalDate earliest(LocalDate today) {
        LocalDate day = today;
        int left = LEAD_WORKING_DAYS;
        while (left > 0) {
            day = day.plusDays(1);
            if (workingDay(day)) {
                left--;
            }
        }
        return day;
    }

    public static LocalDate latest(LocalDate today) {
        return today.plusDays(LATEST_DAYS);
    }

    /** Why the date cannot be asked for, or null: a working day from {@link #earliest} (to {@link #latest} unless at contract end). */
    public static String problem(LocalDate desired, LocalDate today, boolean atContractEnd) {
        if (desired == null) {
            return "A porting date is required";
        }
        LocalDate earliest = earliest(today);
        if (desired.isBefore(earliest)) {
            return "The porting date must be at least " + LEAD_WORKING_DAYS + " working days ahead: " + earliest
                    + " or later";
        }
        if (!atContractEnd && desired.isAfter(latest(today))) {
            return "The porting date must be at most " + LATEST_DAYS + " days ahead (" + latest(today)
                    + "), or at the end of the contract";
        }
        if (atContractEnd && desired.isAfter(today.plusYears(2))) {
            return "The end of the contract must be within two years";
        }
        if (!workingDay(desired)) {
            return desired + " is not a working day (weekend or public holiday)";
        }
        return null;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
