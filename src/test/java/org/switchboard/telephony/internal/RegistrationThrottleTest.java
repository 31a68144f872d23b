package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RegistrationThrottleTest {

    private final Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
    private final RegistrationThrottle throttle = new RegistrationThrottle(3, Duration.ofMinutes(1),
            Duration.ofMinutes(10), Duration.ofHours(1), 1000);

    @Test
    void severalFailuresEarnABanThatGrowsWithEachFurtherFailureUpToTheLongest() {
        assertThat(throttle.failed("10.0.0.1", t0)).isZero();
        assertThat(throttle.failed("10.0.0.1", t0)).isZero();
        assertThat(throttle.banned("10.0.0.1", t0)).isZero();
        assertThat(throttle.failed("10.0.0.1", t0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.banned("10.0.0.1", t0.plusSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.banned("10.0.0.2", t0)).as("another address").isZero();

        // After the ban, each further failure bans again, twice as long as the last.
        Instant later = t0.plusSeconds(61);
        assertThat(throttle.banned("10.0.0.1", later)).isZero();
        assertThat(throttle.failed("10.0.0.1", later)).isEqualTo(Duration.ofMinutes(2));
        assertThat(throttle.banned("10.0.0.1", later.plusSeconds(60))).isEqualTo(Duration.ofMinutes(1));
        Instant third = later.plusSeconds(121);
        assertThat(throttle.failed("10.0.0.1", third)).isEqualTo(Duration.ofMinutes(4));
        Instant fourth = third.plusSeconds(241);
        assertThat(throttle.failed("10.0.0.1", fourth)).isEqualTo(Duration.ofMinutes(8));
        Instant fifth = fourth.plusSeconds(481);
        assertThat(throttle.failed("10.0.0.1", fifth)).as("at most the longest ban").isEqualTo(Duration.ofMinutes(10));
        assertThat(throttle.banned("10.0.0.1", fifth)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aGoodRegistrationClearsFailuresAndAQuietHourForgetsEverything() {
        throttle.failed("101@acme", t0);
        throttle.failed("101@acme", t0);
        throttle.succeeded("101@acme");
        assertThat(throttle.failed("101@acme", t0)).as("counting starts afresh").isZero();

        throttle.failed("102@acme", t0);
        throttle.failed("102@acme", t0);
        throttle.failed("102@acme", t0); // first ban
        Instant quiet = t0.plus(Duration.ofHours(2));
        throttle.failed("102@acme", quiet);
        throttle.failed("102@acme", quiet);
        assertThat(throttle.failed("102@acme", quiet)).as("a first ban again").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theTableStaysBoundedForgettingKeysThatAreNotBanned() {
        RegistrationThrottle small = new RegistrationThrottle(2, Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofHours(1), 3);
        small.failed("a", t0);
        small.failed("a", t0); // banned
        small.failed("b", t0);
        small.failed("c", t0);
        small.failed("d", t0); // full: b and c are forgotten, a stays banned
        assertThat(small.banned("a", t0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(small.failed("b", t0)).isZero();
    }
}
