package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsALongVariedPassword() {
        assertThat(PasswordPolicy.problemWith("correct horse battery staple", "rita@example.com")).isNull();
    }

    @Test
    void refusesShortRepetitiveCommonAndEmailPasswords() {
        assertThat(PasswordPolicy.problemWith("", "a@example.com")).isEqualTo("Password is required");
        assertThat(PasswordPolicy.problemWith("Sh0rt!", "a@example.com")).contains("at least 10");
        assertThat(PasswordPolicy.problemWith("aaaaaaaaaaaa", "a@example.com")).contains("more different");
        assertThat(PasswordPolicy.problemWith("Password123", "a@example.com")).contains("most common");
        assertThat(PasswordPolicy.problemWith("rita.reseller2026", "rita.reseller@example.com")).contains("e-mail");
        assertThat(PasswordPolicy.problemWith("abcd1234".repeat(9) + "x", "a@example.com")).contains("at most 72");
        assertThat(PasswordPolicy.problemWith("abcd1234".repeat(9), "a@example.com")).isNull();
        // bcrypt counts bytes: 36 umlauts are 72 bytes, 37 are 74
        assertThat(PasswordPolicy.problemWith("äöüß".repeat(9), "a@example.com")).isNull();
        assertThat(PasswordPolicy.problemWith("äöüß".repeat(9) + "ä", "a@example.com")).contains("at most 72");
    }
}
