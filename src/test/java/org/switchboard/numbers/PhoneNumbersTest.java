package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.switchboard.catalog.Money;
import org.switchboard.numbers.NumberChargePolicy.Held;
import org.switchboard.numbers.NumberRange.Kind;

class PhoneNumbersTest {

    static final NumberPrices PRICES = new NumberPrices(6, Money.euros("1.00"), Money.euros("5.00"),
            Money.euros("30.00"), Money.euros("200.00"), Money.euros("0.00"), null, null);

    @Test
    void readsGermanNumbersAsE164WithTheirAreaCode() {
        assertThat(PhoneNumbers.check("089 1234567", "DE").e164()).isEqualTo("+49891234567");
        assertThat(PhoneNumbers.check("+49 (351) 4567-89", "DE").e164()).isEqualTo("+493514567 89".replace(" ", ""));
        assertThat(PhoneNumbers.areaCode("+49891234567")).contains("089");
        assertThat(PhoneNumbers.areaCode("+493514567890")).contains("0351");
        assertThat(PhoneNumbers.display("+49891234567")).isEqualTo("+49 89 1234567");
    }

    @Test
    void refusesWhatIsNotAValidNumberOfItsCountry() {
        assertThat(PhoneNumbers.check("+49 89 1", "DE").problem()).contains("not a valid number");
        assertThat(PhoneNumbers.check("hello", "DE").problem()).contains("not a phone number");
        assertThat(PhoneNumbers.check("+49 89 12345678901234", "DE").problem()).contains("too long");
        assertThat(PhoneNumbers.check("112", "DE").ok()).isFalse();
        // a mobile number is valid, but the inventory holds geographic numbers only
        assertThat(PhoneNumbers.check("+491701234567", "DE").ok()).isTrue();
        assertThat(PhoneNumbers.checkGeographic("+491701234567", "DE").problem()).contains("not a geographic number");
        assertThat(PhoneNumbers.checkGeographic("+4990012345678", "DE").ok()).isFalse();
    }

    @Test
    void aBlockHasItsExtensionsInOrder() {
        NumberRange block = new NumberRange(UUID.randomUUID(), NumberRange.Source.INVENTORY, Kind.BLOCK, "+49891234", 2,
                "DE", "089", "München", NumberState.AVAILABLE, null, null, null, null, null, null);
        assertThat(block.size()).isEqualTo(100);
        assertThat(block.numbers()).hasSize(100).startsWith("+4989123400", "+4989123401").endsWith("+4989123499");
        assertThat(block.label()).isEqualTo("+49 89 123400 to -99 (block of 100)");
    }

    @Test
    void includedNumbersCoverWholeRangesOldestFirstAndABlockIsNeverSplit() {
        UUID a = UUID.randomUUID();
        UUID block = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        List<Held> held = List.of(new Held(a, Kind.SINGLE, 1), new Held(block, Kind.BLOCK, 10),
                new Held(b, Kind.SINGLE, 1), new Held(c, Kind.SINGLE, 1));
        // 5 concurrent users: the first single is included, the block of 10 is not covered by the 4
        // left and costs its block price, the two singles after it are included.
        Map<UUID, Money> charged = NumberChargePolicy.charged(held, 5, PRICES);
        assertThat(charged).containsOnlyKeys(block).containsEntry(block, Money.euros("5.00"));
        // 2 concurrent users: a and the block's 10 do not fit; b is covered, c costs the single price.
        assertThat(NumberChargePolicy.charged(held, 2, PRICES)).containsOnlyKeys(block, c);
        assertThat(NumberChargePolicy.charged(held, 13, PRICES)).isEmpty();
        assertThat(NumberChargePolicy.charged(held, 0, PRICES)).hasSize(4);
    }
}
