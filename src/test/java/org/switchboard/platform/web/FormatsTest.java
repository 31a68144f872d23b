package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;

import org.junit.jupiter.api.Test;

/** One way of writing times, days, months, money and statuses on every page. */
class FormatsTest {

    final Formats fmt = new Formats(Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneId.of("Europe/Berlin")));
    final Words words = new Words();

    @Test
    void momentsAreWrittenInTheBusinessTimeZoneAndDaysWithoutATimeOfDay() {
        assertThat(fmt.instant(Instant.parse("2026-12-06T13:05:00Z"))).isEqualTo("6 Dec 2026, 14:05");
        assertThat(fmt.instant(OffsetDateTime.parse("2026-07-01T22:30:00Z"))).isEqualTo("2 Jul 2026, 00:30");
        assertThat(fmt.date(LocalDate.of(2027, 1, 31))).isEqualTo("31 Jan 2027");
        assertThat(fmt.date(Instant.parse("2026-12-31T23:30:00Z"))).isEqualTo("1 Jan 2027");
        assertThat(fmt.month(YearMonth.of(2026, 11))).isEqualTo("Nov 2026");
        assertThat(fmt.instant(null)).isEmpty();
    }

    @Test
    void storedSentencesGetTheirInstantsAndDaysRewritten() {
        assertThat(fmt.text("5 concurrent users until 2027-01-04T23:00:00Z"))
                .isEqualTo("5 concurrent users until 5 Jan 2027");
        assertThat(fmt.text("called at 2026-12-06T13:05:07.123Z, deactivated at 2027-12-31"))
                .isEqualTo("called at 6 Dec 2026, 14:05, deactivated at 31 Dec 2027");
        assertThat(fmt.text("invoice 2026-000001")).isEqualTo("invoice 2026-000001");
    }

    @Test
    void moneyCarriesItsCurrency() {
        assertThat(fmt.money(new BigDecimal("1537.9"))).isEqualTo("1,537.90 €");
        assertThat(fmt.money(new BigDecimal("-1.19"), Currency.getInstance("EUR"))).isEqualTo("-1.19 €");
        assertThat(fmt.money(new BigDecimal("10"), Currency.getInstance("CHF"))).isEqualTo("10.00 CHF");
    }

    @Test
    void statusesAreWordsAndOneCodeMayMeanTwoThingsByItsKind() {
        assertThat(words.status(org.switchboard.instances.InstanceStatus.TRIAL)).isEqualTo("in trial");
        assertThat(words.status("SUBMITTED")).isEqualTo("direct debit submitted");
        assertThat(words.status(org.switchboard.numbers.PortingStatus.SUBMITTED)).isEqualTo("submitted to the carrier");
        assertThat(words.status("BYE_CALLER")).isEqualTo("the caller hung up");
        assertThat(words.status("SOMETHING_NEW")).isEqualTo("something new");
    }
}
