package org.switchboard.platform.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** Formatting for pages, as {@code ${@fmt...}}: times in the platform's time zone, money with two decimals. */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final Clock clock;

    public Formats(Clock clock) {
        this.clock = clock;
    }

    public String instant(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(clock.getZone()));
    }

    /** A calendar day as people read it, e.g. "6 Dec 2026": for term dates, which have no time of day. */
    public String date(java.time.LocalDate day) {
        return day == null ? "" : DAY.format(day);
    }

    /** The day an instant falls on in the business time zone, e.g. "6 Dec 2026": for ends of terms and trials. */
    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(clock.getZone()));
    }

    public String money(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return format.format(amount) + " €";
    }
}
