package org.switchboard.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The simulation's own arithmetic against the product rules' worked examples. */
class ExpectedMoneyTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void volumePricesFollowTheTable() {
        assertThat(ExpectedMoney.monthlyNet(10)).isEqualByComparingTo("89.00");
        assertThat(ExpectedMoney.monthlyNet(11)).isEqualByComparingTo("88.11");
        assertThat(ExpectedMoney.unitPrice(30)).isEqualByComparingTo("7.57");
        assertThat(ExpectedMoney.monthlyNet(1000)).isEqualByComparingTo("3560.00");
        assertThat(ExpectedMoney.monthlyNet(1001)).isEqualByComparingTo("2672.67");
    }

    @Test
    void proRataCountsTheMinutesOfTheMonthInBerlinTime() {
        assertThat(ExpectedMoney.minutesIn(YearMonth.of(2030, 11), BERLIN)).isEqualTo(43_200);
        assertThat(ExpectedMoney.minutesIn(YearMonth.of(2041, 3), BERLIN)).isEqualTo(31 * 1440 - 60);
        assertThat(ExpectedMoney.minutesIn(YearMonth.of(2041, 10), BERLIN)).isEqualTo(31 * 1440 + 60);
        // 16 CU sold on 10 November 2030 at 10:00: 128.16 x 29,640 / 43,200 = 87.93
        assertThat(ExpectedMoney.proRata(BigDecimal.ZERO, ExpectedMoney.monthlyNet(16),
                LocalDateTime.of(2030, 11, 10, 10, 0, 42).atZone(BERLIN).toInstant(), BERLIN)).isEqualByComparingTo("87.93");
        // upgraded to 30 CU on the 17th at 12:00: (227.10 - 128.16) x 19,440 / 43,200 = 44.52
        assertThat(ExpectedMoney.proRata(ExpectedMoney.monthlyNet(16), ExpectedMoney.monthlyNet(30),
                LocalDateTime.of(2030, 11, 17, 12, 0).atZone(BERLIN).toInstant(), BERLIN)).isEqualByComparingTo("44.52");
    }

    @Test
    void airtimeByLongestPrefixIncrementAndConnectFee() {
        List<ExpectedMoney.Zone> zones = List.of(
                new ExpectedMoney.Zone("German fixed", List.of("49"), new BigDecimal("0.0190"), 60, 60, BigDecimal.ZERO),
                new ExpectedMoney.Zone("German mobile", List.of("4915", "4917"), new BigDecimal("0.0890"), 60, 1,
                        BigDecimal.ZERO),
                new ExpectedMoney.Zone("World", List.of("1"), new BigDecimal("0.2900"), 60, 60, new BigDecimal("0.0500")));
        ExpectedMoney.Zone mobile = ExpectedMoney.zoneOf("+491701234567", zones);
        assertThat(mobile.name()).isEqualTo("German mobile");
        assertThat(ExpectedMoney.callCharge(mobile, 61)).isEqualByComparingTo("0.0905");
        assertThat(ExpectedMoney.callCharge(mobile, 30)).isEqualByComparingTo("0.0890");
        assertThat(ExpectedMoney.callCharge(ExpectedMoney.zoneOf("+4930901820", zones), 61)).isEqualByComparingTo("0.0380");
        assertThat(ExpectedMoney.callCharge(ExpectedMoney.zoneOf("+12125551234", zones), 30)).isEqualByComparingTo("0.3400");
        assertThat(ExpectedMoney.zoneOf("+88216123456", zones)).isNull();
    }

    @Test
    void vatAndCommission() {
        assertThat(ExpectedMoney.vat(new BigDecimal("360.17"), ExpectedMoney.vatPercent("DE", "DE123456789")))
                .isEqualByComparingTo("68.43");
        assertThat(ExpectedMoney.vatPercent("AT", "ATU12345678")).isZero();
        assertThat(ExpectedMoney.vatPercent("AT", null)).isEqualByComparingTo("19");
        assertThat(ExpectedMoney.vatPercent("CH", null)).isZero();
        assertThat(ExpectedMoney.commission(new BigDecimal("360.17"), ExpectedMoney.commissionRate("CERTIFIED")))
                .isEqualByComparingTo("54.03");
        assertThat(ExpectedMoney.commission(new BigDecimal("-10.05"), ExpectedMoney.commissionRate("REGISTERED")))
                .isEqualByComparingTo("-1.01");
    }
}
