package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingFixtures.CALENDAR;
import static org.switchboard.billing.BillingFixtures.berlin;
import static org.switchboard.billing.BillingFixtures.eur;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class ProRataPolicyTest {

    @Test
    void anUpgradeOnThe17thAtNoonCostsTheDifferenceForTheMinutesLeft() {
        // November 2026: 30 days = 43,200 minutes. From 17 Nov 12:00 to 1 Dec 00:00: 13.5 days = 19,440 minutes.
        // (227.10 - 128.16) x 19,440 / 43,200 = 98.94 x 0.45 = 44.523 -> 44.52
        var part = ProRataPolicy.charge(eur("128.16"), eur("227.10"), berlin(2026, 11, 17, 12, 0), CALENDAR);

        assertThat(part.minutesLeft()).isEqualTo(19_440);
        assertThat(part.minutesInMonth()).isEqualTo(43_200);
        assertThat(part.amount()).isEqualTo(eur("44.52"));
        assertThat(part.fraction()).isEqualTo("19,440/43,200 min");
        assertThat(part.from()).isEqualTo(berlin(2026, 11, 17, 12, 0));
        assertThat(part.to()).isEqualTo(berlin(2026, 12, 1, 0, 0));
    }

    @Test
    void aChangeCountsFromTheStartOfItsMinute() {
        var atSeconds = ProRataPolicy.charge(eur("0"), eur("89.00"), berlin(2026, 11, 17, 12, 0).plusSeconds(59), CALENDAR);
        assertThat(atSeconds.minutesLeft()).isEqualTo(19_440);
    }

    @Test
    void monthsAroundTheClockChangeHaveTheirRealLength() {
        // March 2026 loses an hour (44,580 minutes), October 2026 gains one (44,700).
        assertThat(CALENDAR.minutesIn(YearMonth.of(2026, 3))).isEqualTo(44_580);
        assertThat(CALENDAR.minutesIn(YearMonth.of(2026, 10))).isEqualTo(44_700);
        // 89.00 for the whole of October from its first minute: exactly the monthly net.
        assertThat(ProRataPolicy.charge(eur("0"), eur("89.00"), berlin(2026, 10, 1, 0, 0), CALENDAR).amount())
                .isEqualTo(eur("89.00"));
    }

    @Test
    void aLowerNetGivesACreditRoundedHalfUpAwayFromZero() {
        // (128.16 - 227.10) x 29,640 / 43,200 = -67.8838... -> -67.88
        assertThat(ProRataPolicy.charge(eur("227.10"), eur("128.16"), berlin(2026, 11, 10, 10, 0), CALENDAR).amount())
                .isEqualTo(eur("-67.88"));
        // 0.01 x 21,600 / 43,200 = 0.005 -> 0.01 (half-up, once)
        assertThat(ProRataPolicy.charge(eur("0"), eur("0.01"), berlin(2026, 11, 16, 0, 0), CALENDAR).amount())
                .isEqualTo(eur("0.01"));
    }
}
