package org.switchboard.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.switchboard.platform.InvalidInputException;

class BankAccountTest {

    @Test
    void acceptsValidSepaIbansAndShowsThemOnlyMasked() {
        BankAccount account = BankAccount.of("de89 3704 0044 0532 0130 00", "Huber GmbH");
        assertThat(account.ibanForPayment()).isEqualTo("DE89370400440532013000");
        assertThat(account.maskedIban()).isEqualTo("DE89 **** **** 3000");
        assertThat(account.toString()).doesNotContain("370400440532");
        assertThat(BankAccount.of("AT611904300234573201", "A").maskedIban()).startsWith("AT61");
        assertThat(BankAccount.of("CH9300762011623852957", "A").maskedIban()).startsWith("CH93");
    }

    @Test
    void refusesWrongCheckDigitsLengthAndNonSepaCountries() {
        assertThat(problem("DE88370400440532013000")).contains("check digits");
        assertThat(problem("DE8937040044053201300")).contains("wrong length");
        assertThat(problem("US64SVBKUS6S3300958879")).contains("not in the SEPA area");
        assertThat(problem("BR1500000000000010932840814P2")).contains("not in the SEPA area");
        assertThat(problem("")).contains("required");
        assertThat(problem("12345")).contains("country code");
    }

    @Test
    void needsAnAccountHolder() {
        assertThatThrownBy(() -> BankAccount.of("DE89370400440532013000", " "))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("accountHolder"));
    }

    private static String problem(String iban) {
        try {
            BankAccount.of(iban, "Holder");
            return null;
        } catch (InvalidInputException e) {
            assertThat(e.field()).isEqualTo("iban");
            return e.getMessage();
        }
    }
}
