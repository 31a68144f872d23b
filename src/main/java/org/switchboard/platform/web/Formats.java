package org.switchboard.platform.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * The one formatter of every page, as {@code ${@fmt...}}: instants in the business time zone as
 * "6 Dec 2026, 14:05", days (term dates, which have no time of day) as "6 Dec 2026", months as
 * "Dec 2026", money with two decimals and its currency.
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private static final Pattern ISO_INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})");

    private static final Pattern ISO_DAY = Pattern.compile("(?<![\\d-])\\d{4}-\\d{2}-\\d{2}(?![\\d-])");

    private static final Currency EURO = Currency.getInstance("EUR");

    private final Clock clock;

    public Formats(Clock clock) {
        this.clock = clock;
    }

    /** A moment, e.g. "6 Dec 2026, 14:05" in the business time zone: an instant, or a date-time with an offset. */
    public String instant(TemporalAccessor moment) {
        return moment == null ? "" : DATE_TIME.format(inZone(moment));
    }

    /** A calendar day as people read it, e.g. "6 Dec 2026": for term dates, which have no time of day. */
    public String date(TemporalAccessor day) {
        if (day == null) {
            return "";
        }
        return DAY.format(day instanceof LocalDate || day instanceof LocalDateTime ? day : inZone(day));
    }

    /** The day an instant falls on in the business time zone, e.g. "6 Dec 2026": for ends of terms and trials. */
    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(clock.getZone()));
    }

    /**
     * A sentence stored as text (a phone system's history, say) with the instants and days in it
     * written as everywhere else: "at 2026-12-06T13:05:00Z" becomes "at 6 Dec 2026, 14:05", and
     * "until 2026-12-06T23:00:00Z" (midnight here, the start of a day) "until 7 Dec 2026".
     */
    public String text(String sentence) {
        if (sentence == null) {
            return "";
        }
        String moments = ISO_INSTANT.matcher(sentence).replaceAll(m -> {
            try {
                java.time.ZonedDateTime local = OffsetDateTime.parse(m.group()).atZoneSameInstant(clock.getZone());
                // midnight is the start of a day: a trial's or a term's end, written as the day
                return local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? DAY.format(local) : DATE_TIME.format(local);
            } catch (DateTimeParseException e) {
                return m.group();
            }
        });
        return ISO_DAY.matcher(moments).replaceAll(m -> {
            try {
                return date(LocalDate.parse(m.group()));
            } catch (DateTimeParseException e) {
                return m.group();
            }
        });
    }

    private TemporalAccessor inZone(TemporalAccessor moment) {
        if (moment instanceof LocalDateTime) {
            return moment;
        }
        return Instant.from(moment).atZone(clock.getZone());
    }

    /** A month as people read it, e.g. "Dec 2026": invoice and statement periods. */
    public String month(YearMonth month) {
        return month == null ? "" : MONTH.format(month);
    }

    /** An amount in euros, the platform's currency. */
    public String money(BigDecimal amount) {
        return money(amount, EURO);
    }

    /** An amount with its currency: "1,234.50 €", or the currency's code where it has no sign of its own. */
    public String money(BigDecimal amount, Currency currency) {
        if (amount == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        String sign = currency == null || EURO.equals(currency) ? "€" : currency.getSymbol(Locale.ENGLISH);
        return format.format(amount) + " " + sign;
    }
}
