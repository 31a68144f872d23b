package org.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class MoneyTest {

    /**
     * Events carrying money are stored as JSON and read back when a node starts; a property only
     * written (a getter without a component) would make the platform's strict reader refuse them.
     */
    @Test
    void readsBackWhatItWritesAsJson() {
        JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        Money price = Money.euros("88.11");
        assertThat(strict.readValue(strict.writeValueAsString(price), Money.class)).isEqualTo(price);
    }

    @Test
    void roundsHalfUpToTheCent() {
        assertThat(Money.euros("7.565").amount()).isEqualByComparingTo("7.57");
        assertThat(Money.euros("7.564999").amount()).isEqualByComparingTo("7.56");
        assertThat(Money.euros("2.675").amount()).isEqualByComparingTo("2.68");
        assertThat(Money.euros("-1.005").amount()).isEqualByComparingTo("-1.01");
    }

    @Test
    void alwaysHoldsTwoDecimals() {
        assertThat(Money.euros("89").amount()).hasToString("89.00");
        assertThat(Money.euros("8.9").times(10).amount()).hasToString("89.00");
    }

    @Test
    void multipliesAtFullPrecisionAndRoundsOnce() {
        // 8.90 x 0.85 = 7.565: rounded once, to 7.57
        assertThat(Money.euros("8.90").times(new BigDecimal("0.85"))).isEqualTo(Money.euros("7.57"));
        // 0.333 x 3 would be 0.99 if the factor were rounded first; at full precision it is 1.00
        assertThat(Money.euros("3.00").times(new BigDecimal("0.333333"))).isEqualTo(Money.euros("1.00"));
    }

    @Test
    void comparesAndAddsWithinOneCurrency() {
        assertThat(Money.euros("88.11").isLessThan(Money.euros("89.00"))).isTrue();
        assertThat(Money.euros("1.10").plus(Money.euros("2.20"))).isEqualTo(Money.euros("3.30"));
        assertThat(Money.euros("1.10").minus(Money.euros("2.20"))).isEqualTo(Money.euros("-1.10"));
        assertThatThrownBy(() -> Money.euros("1").plus(new Money(BigDecimal.ONE, Currency.getInstance("USD"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
