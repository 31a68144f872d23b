package org.switchboard.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    private static final String HASH = "{bcrypt}$2a$10$abcdefghijklmnopqrstuu0123456789012345678901234567890";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final VerifiedPasswords passwords = new VerifiedPasswords(clock);

    @Test
    void aPasswordFoundRightIsRememberedForAMinute() {
        assertThat(passwords.verifiedRecently("a@example.test", "secret one", HASH)).isFalse();
        passwords.verified("a@example.test", "secret one", HASH);
        assertThat(passwords.verifiedRecently("a@example.test", "secret one", HASH)).isTrue();
        clock.advance(VerifiedPasswords.REMEMBERED.minusSeconds(1));
        assertThat(passwords.verifiedRecently("a@example.test", "secret one", HASH)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(passwords.verifiedRecently("a@example.test", "secret one", HASH)).isFalse();
    }

    @Test
    void anotherPasswordAnotherUserOrAChangedPasswordAreNotRemembered() {
        passwords.verified("a@example.test", "secret one", HASH);
        assertThat(passwords.verifiedRecently("a@example.test", "secret two", HASH)).isFalse();
        assertThat(passwords.verifiedRecently("b@example.test", "secret one", HASH)).isFalse();
        // A new password (or the same one set again) has a new stored hash.
        assertThat(passwords.verifiedRecently("a@example.test", "secret one", HASH + "x")).isFalse();
        // The parts cannot be shifted into one another.
        passwords.verified("a@example.tes", "tsecret", HASH);
        assertThat(passwords.verifiedRecently("a@example.test", "secret", HASH)).isFalse();
    }

    @Test
    void keepsAtMostItsLimit() {
        for (int n = 0; n <= VerifiedPasswords.LIMIT; n++) {
            passwords.verified("user" + n + "@example.test", "secret", HASH);
        }
        // Full: the entries were forgotten (none had expired) and the last one is kept.
        assertThat(passwords.verifiedRecently("user0@example.test", "secret", HASH)).isFalse();
        assertThat(passwords.verifiedRecently("user" + VerifiedPasswords.LIMIT + "@example.test", "secret", HASH))
                .isTrue();
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
