package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HopsTest {

    @Test
    void receivedAndRportAreTakenOffAViaAndNothingElse() {
        assertThat(Hops.withoutReceived("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1"))
                .isEqualTo("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1");
        assertThat(Hops.withoutReceived("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK1;received=1.2.3.4"))
                .isEqualTo("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1");
        assertThat(Hops.withoutReceived("SIP/2.0/UDP h;RPORT=5;branch=z9hG4bK1; Received = x;x-rport=1"))
                .isEqualTo("SIP/2.0/UDP h;branch=z9hG4bK1;x-rport=1");
        assertThat(Hops.withoutReceived("SIP/2.0/UDP h;rportal=1")).isEqualTo("SIP/2.0/UDP h;rportal=1");
    }
}
