package org.switchboard.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void waitDoublesAfterFiveFailuresUpToFifteenMinutes() {
        assertThat(LoginThrottle.waitAfter(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(LoginThrottle.waitAfter(6)).isEqualTo(Duration.ofSeconds(10));
        assertThat(LoginThrottle.waitAfter(9)).isEqualTo(Duration.ofSeconds(80));
        assertThat(LoginThrottle.waitAfter(20)).isEqualTo(Duration.ofMinutes(15));
        assertThat(LoginThrottle.waitAfter(500)).isEqualTo(Duration.ofMinutes(15));
    }
}
