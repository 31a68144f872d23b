package org.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void collectsEveryFaultOncePerField() {
        Validation v = new Validation()
                .text("name", "Name", "", 10)
                .text("name", "Name", null, 10)
                .email("email", "someone@")
                .country("country", "Germany")
                .optionalText("note", "Note", "x".repeat(11), 10);
        assertThatThrownBy(v::throwIfInvalid).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.violations()).extracting(InvalidInputException.Violation::field)
                    .containsExactly("name", "email", "country", "note");
            assertThat(e.messageFor("note")).isEqualTo("Note must be at most 10 characters");
            assertThat(e.messageFor("email")).contains("not a valid e-mail address");
        });
    }

    @Test
    void anAmountLiesInItsFieldsOwnRangeWithItsOwnDecimals() {
        java.math.BigDecimal max = new java.math.BigDecimal("5000.00");
        Validation v = new Validation()
                .amount("missing", "Price", null, java.math.BigDecimal.ZERO, max, 2)
                .amount("negative", "Price", new java.math.BigDecimal("-0.01"), java.math.BigDecimal.ZERO, max, 2)
                .amount("belowMin", "Price", new java.math.BigDecimal("0.00"), new java.math.BigDecimal("0.01"), max, 2)
                .amount("tooHigh", "Price", new java.math.BigDecimal("5000.01"), java.math.BigDecimal.ZERO, max, 2)
                .amount("cents", "Price", new java.math.BigDecimal("1.005"), java.math.BigDecimal.ZERO, max, 2);
        assertThatThrownBy(v::throwIfInvalid).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.messageFor("missing")).isEqualTo("Price is required");
            assertThat(e.messageFor("negative")).isEqualTo("Price must not be negative");
            assertThat(e.messageFor("belowMin")).isEqualTo("Price must be at least 0.01");
            assertThat(e.messageFor("tooHigh")).isEqualTo("Price must be at most 5000.00");
            assertThat(e.messageFor("cents")).isEqualTo("Price may have at most 2 decimals");
        });
        assertThat(new Validation().amount("edge", "Price", max, java.math.BigDecimal.ZERO, max, 2)
                .amount("zero", "Price", new java.math.BigDecimal("0.000"), java.math.BigDecimal.ZERO, max, 2)
                .hasErrors()).isFalse();
    }

    @Test
    void acceptsGoodInput() {
        Validation v = new Validation().text("name", "Name", " Ada ", 10).text("exact", "Exact", "x".repeat(10), 10)
                .email("email", " Ada.Lovelace+work@example.co.uk ").country("country", "at")
                .optionalText("note", "Note", null, 10).optionalText("blank", "Blank", "  ", 10)
                .check(true, "terms", "Accept the terms");
        assertThat(v.hasErrors()).isFalse();
        assertThatCode(v::throwIfInvalid).doesNotThrowAnyException();
        assertThat(Validation.normalizeEmail(" Ada@Example.COM ")).isEqualTo("ada@example.com");
        assertThat(Validation.trimToNull("  ")).isNull();
    }

    @Test
    void refusesMalformedAddressesAndControlCharacters() {
        for (String bad : new String[] { "plainaddress", "@example.com", "a@b", "a..b@example.com", "a b@example.com",
                "a@-example.com" }) {
            assertThat(new Validation().email("email", bad).hasErrors()).as(bad).isTrue();
        }
        assertThat(new Validation().text("name", "Name", "bell\u0007", 20).hasErrors()).isTrue();
    }
}
