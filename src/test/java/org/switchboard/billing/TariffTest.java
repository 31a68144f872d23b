package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.billing.BillingFixtures.zone;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.platform.InvalidInputException;

class TariffTest {

    static final List<TariffZone> ZONES = List.of(zone("German fixed", "60/60", "0.0190", "0", "49"),
            zone("German mobile", "60/1", "0.0890", "0", "4915", "4916", "4917"));

    @Test
    void theLongestPrefixWins() {
        Tariff tariff = new Tariff(ZONES);
        assertThat(tariff.zoneFor("+4915112345678").orElseThrow().name()).isEqualTo("German mobile");
        assertThat(tariff.zoneFor("+4930123456").orElseThrow().name()).isEqualTo("German fixed");
        assertThat(tariff.zoneFor("+4312345678")).isEmpty();
    }

    @Test
    void incrementsBillTheirBlocks() {
        assertThat(Increment.PER_MINUTE.billedSeconds(60)).isEqualTo(60);
        assertThat(Increment.PER_MINUTE.billedSeconds(121)).isEqualTo(180);
        assertThat(Increment.FIRST_MINUTE_THEN_SECONDS.billedSeconds(59)).isEqualTo(60);
        assertThat(Increment.FIRST_MINUTE_THEN_SECONDS.billedSeconds(125)).isEqualTo(125);
        assertThat(Increment.PER_SECOND.billedSeconds(7)).isEqualTo(7);
        assertThat(Increment.PER_SECOND.billedSeconds(0)).isZero();
    }

    @Test
    void aPrefixOfAnotherZoneANegativePriceAndAnUnknownIncrementAreRefusedTogether() {
        assertThatThrownBy(() -> Tariff.check("Mobile again", List.of("4917", "+49 171"), new BigDecimal("-0.01"), "30/30",
                BigDecimal.ZERO, ZONES))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.messageFor("prefixes")).isEqualTo("Prefix 4917 belongs to the zone German mobile already");
                    assertThat(e.messageFor("pricePerMinute")).isEqualTo("Price per minute must not be negative");
                    assertThat(e.messageFor("increment")).isEqualTo("Increment must be one of 60/60, 60/1, 1/1");
                });
    }

    @Test
    void prefixesAreDigitsOfAnE164Number() {
        assertThatThrownBy(() -> Tariff.check("X", List.of("0049"), BigDecimal.ONE, "1/1", BigDecimal.ZERO, List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("prefixes"));
        assertThatThrownBy(() -> Tariff.check("X", List.of("44", "44"), BigDecimal.ONE, "1/1", BigDecimal.ZERO, List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.messageFor("prefixes")).isEqualTo("Prefix 44 is given twice"));
        assertThatThrownBy(() -> Tariff.check("X", List.of("44"), new BigDecimal("0.00001"), "1/1", BigDecimal.ZERO, List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("pricePerMinute"));
        Tariff.check("UK", List.of("+44"), new BigDecimal("0.0490"), "60/60", BigDecimal.ZERO, ZONES);
    }
}
