package org.switchboard.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoginThrottlePolicyTest {

    @Test
    void oneAccountFromOneAddressWaitsAfterFiveFailuresDoublingUpToFifteenMinutes() {
        LoginThrottlePolicy pair = LoginThrottlePolicy.ACCOUNT_AND_ADDRESS;
        assertThat(pair.waitAfter(4)).isZero();
        assertThat(pair.waitAfter(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(pair.waitAfter(6)).isEqualTo(Duration.ofSeconds(10));
        assertThat(pair.waitAfter(9)).isEqualTo(Duration.ofSeconds(80));
        assertThat(pair.waitAfter(20)).isEqualTo(Duration.ofMinutes(15));
        assertThat(pair.waitAfter(500)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anAccountAcrossAddressesIsLooserAndNeverWaitsMoreThanAMinute() {
        LoginThrottlePolicy account = LoginThrottlePolicy.ACCOUNT;
        assertThat(account.waitAfter(19)).isZero();
        assertThat(account.waitAfter(20)).isEqualTo(Duration.ofSeconds(2));
        assertThat(account.waitAfter(24)).isEqualTo(Duration.ofSeconds(32));
        assertThat(account.waitAfter(10_000)).isEqualTo(Duration.ofMinutes(1));
        // One address guessing alone is slowed down by its own scope long before the account's.
        assertThat(LoginThrottlePolicy.ACCOUNT_AND_ADDRESS.freeFailures()).isLessThan(account.freeFailures());
    }

    @Test
    void anAddressAcrossAccountsGetsFiftyFreeFailures() {
        assertThat(LoginThrottlePolicy.ADDRESS.waitAfter(49)).isZero();
        assertThat(LoginThrottlePolicy.ADDRESS.waitAfter(50)).isEqualTo(Duration.ofSeconds(5));
        assertThat(LoginThrottlePolicy.ADDRESS.waitAfter(60)).isEqualTo(Duration.ofMinutes(15));
    }
}
