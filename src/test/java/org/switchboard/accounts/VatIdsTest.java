package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VatIdsTest {

    @Test
    void acceptsCommonEuropeanFormatsAndBlank() {
        assertThat(VatIds.wellFormed("DE123456789")).isTrue();
        assertThat(VatIds.wellFormed("de 123 456 789")).isTrue();
        assertThat(VatIds.wellFormed("ATU12345678")).isTrue();
        assertThat(VatIds.wellFormed("NL123456789B01")).isTrue();
        assertThat(VatIds.wellFormed("FRXX123456789")).isTrue();
        assertThat(VatIds.wellFormed(null)).isTrue();
        assertThat(VatIds.wellFormed("  ")).isTrue();
    }

    @Test
    void refusesWhatIsNoVatId() {
        assertThat(VatIds.wellFormed("not a vat id")).isFalse();
        assertThat(VatIds.wellFormed("123456789")).isFalse();
        assertThat(VatIds.wellFormed("DE1")).isFalse();
        assertThat(VatIds.wellFormed("DE1234567890123")).isFalse();
        assertThat(VatIds.wellFormed("DE<script>")).isFalse();
    }
}
