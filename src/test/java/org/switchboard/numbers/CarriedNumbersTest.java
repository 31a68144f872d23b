package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A trunk's numbers as the customer types them: single numbers and blocks, nationally or in E.164. */
class CarriedNumbersTest {

    @Test
    void aSingleNumberWrittenNationallyIsReadAsE164() {
        CarriedNumbers.Parsed parsed = CarriedNumbers.parse("030 1234567", "DE");
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.numbers().base()).isEqualTo("+49301234567");
        assertThat(parsed.numbers().numbers()).containsExactly("+49301234567");
        assertThat(parsed.numbers().entry()).isEqualTo("+49301234567");
    }

    @Test
    void aBlockHasTenHundredOrAThousandNumbersAfterItsBase() {
        CarriedNumbers block = CarriedNumbers.parse("+49 30 123456 (x100)", "DE").numbers();
        assertThat(block.extensionDigits()).isEqualTo(2);
        assertThat(block.numbers()).hasSize(100).startsWith("+493012345600").endsWith("+493012345699");
        assertThat(block.label()).isEqualTo(PhoneNumbers.display("+493012345600") + " to -99 (block of 100)");
        assertThat(block.entry()).isEqualTo("+4930123456 (x100)");
        assertThat(CarriedNumbers.parse("+4930123456 (x10)", "DE").numbers().numbers()).hasSize(10)
                .contains("+49301234565");
    }

    @Test
    void whatIsNotANumberOrABlockTooLongForItsCountryIsRefusedWithTheReason() {
        assertThat(CarriedNumbers.parse("12", "DE").problem()).isNotNull();
        assertThat(CarriedNumbers.parse("+4930123456 (x7)", "DE").problem()).contains("not a phone number");
        assertThat(CarriedNumbers.parse("+4930123456789 (x1000)", "DE").problem()).startsWith("Block ")
                .contains("too long");
        assertThat(CarriedNumbers.parse("", "DE").problem()).isEqualTo("A number is required");
    }
}
