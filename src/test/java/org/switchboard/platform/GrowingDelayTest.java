package org.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class GrowingDelayTest {

    private final GrowingDelay rule = new GrowingDelay(5, Duration.ofSeconds(5), Duration.ofMinutes(15),
            Duration.ofHours(1));

    @Test
    void failuresAreFreeUntilTheThresholdWhichWaitsTheFirstDelay() {
        assertThat(rule.after(0)).isZero();
        assertThat(rule.after(4)).isZero();
        assertThat(rule.after(5)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToTheLongest() {
        assertThat(rule.after(6)).isEqualTo(Duration.ofSeconds(10));
        assertThat(rule.after(9)).isEqualTo(Duration.ofSeconds(80));
        assertThat(rule.after(12)).isEqualTo(Duration.ofSeconds(640));
        assertThat(rule.after(13)).as("1280 s is beyond the cap").isEqualTo(Duration.ofMinutes(15));
        assertThat(rule.after(Integer.MAX_VALUE)).as("no overflow").isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theFirstFailureCanAlreadyDelay() {
        GrowingDelay strict = new GrowingDelay(1, Duration.ofMinutes(1), Duration.ofDays(1), Duration.ofHours(1));
        assertThat(strict.after(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(strict.after(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(strict.after(11)).isEqualTo(Duration.ofMinutes(1024));
        assertThat(strict.after(12)).as("2048 minutes are beyond the cap").isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aCountIsForgottenAnHourAfterItsLastFailure() {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        assertThat(rule.forgetBefore(now)).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(rule.forgotten(now.minus(Duration.ofMinutes(59)), now)).isFalse();
        assertThat(rule.forgotten(now.minus(Duration.ofHours(1)), now)).as("exactly an hour: still counted").isFalse();
        assertThat(rule.forgotten(now.minus(Duration.ofMinutes(61)), now)).isTrue();
        assertThat(rule.forgotten(Instant.MIN, now)).as("never failed").isTrue();
    }

    @Test
    void refusesARuleThatCannotWork() {
        assertThatThrownBy(() -> new GrowingDelay(0, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GrowingDelay(1, Duration.ZERO, Duration.ofSeconds(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GrowingDelay(1, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GrowingDelay(1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
