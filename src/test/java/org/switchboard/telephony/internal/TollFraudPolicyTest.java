package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.switchboard.telephony.internal.TollFraudPolicy.Guards;
import org.switchboard.telephony.internal.TollFraudPolicy.Refusal;

class TollFraudPolicyTest {

    private final Guards guards = new Guards(Set.of(), List.of("+49900", "+49137", "+49180"), 5, 2);

    private String refusal(String e164, Guards g, int recent, int live) {
        return TollFraudPolicy.check(e164, "DE", g, recent, live).map(Refusal::code).orElse(null);
    }

    @Test
    void theHomeCountryIsOpenOtherCountriesOnlyWhenOpened() {
        assertThat(refusal("+4930123456", guards, 0, 0)).isNull();
        assertThat(refusal("+33142685300", guards, 0, 0)).isEqualTo("FRAUD_COUNTRY");
        assertThat(refusal("+33142685300", new Guards(Set.of("FR"), guards.blockedPrefixes(), 5, 2), 0, 0)).isNull();
        assertThat(refusal("+882123456", guards, 0, 0)).as("no country").isEqualTo("FRAUD_COUNTRY");
    }

    @Test
    void premiumRateAndServiceRangesAreBlockedByPrefixEvenAtHome() {
        assertThat(refusal("+499001234567", guards, 0, 0)).isEqualTo("FRAUD_BLOCKED_RANGE");
        assertThat(refusal("+491371234567", guards, 0, 0)).isEqualTo("FRAUD_BLOCKED_RANGE");
        assertThat(refusal("+49180123456", guards, 0, 0)).isEqualTo("FRAUD_BLOCKED_RANGE");
    }

    @Test
    void aDeviceCallingTooOftenAndAnInstanceWithTooManyCallsAreStopped() {
        assertThat(refusal("+4930123456", guards, 4, 1)).isNull();
        assertThat(refusal("+4930123456", guards, 5, 0)).isEqualTo("FRAUD_RATE");
        assertThat(refusal("+4930123456", guards, 0, 2)).isEqualTo("FRAUD_CONCURRENT");
        assertThat(TollFraudPolicy.check("+4930123456", "DE", guards, 0, 2).orElseThrow().sentence())
                .contains("2 calls to the public network at once");
    }
}
