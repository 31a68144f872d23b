package org.switchboard.phone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PairingThrottlePolicyTest {

    @Test
    void anAddressTriesTenWrongCodesFreelyThenWaitsTwiceAsLongEachTimeUpToAQuarterOfAnHour() {
        PairingThrottlePolicy address = PairingThrottlePolicy.ADDRESS;
        assertThat(address.waitAfter(9)).isZero();
        assertThat(address.waitAfter(10)).isEqualTo(Duration.ofSeconds(5));
        assertThat(address.waitAfter(11)).isEqualTo(Duration.ofSeconds(10));
        assertThat(address.waitAfter(14)).isEqualTo(Duration.ofSeconds(80));
        assertThat(address.waitAfter(18)).isEqualTo(Duration.ofMinutes(15));
        assertThat(address.waitAfter(10_000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anEmployeeAsksForFiveCodesFreelyThenWaits() {
        PairingThrottlePolicy employee = PairingThrottlePolicy.EMPLOYEE;
        assertThat(employee.waitAfter(4)).isZero();
        assertThat(employee.waitAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(employee.waitAfter(6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(employee.waitAfter(100)).isEqualTo(Duration.ofMinutes(10));
    }
}
