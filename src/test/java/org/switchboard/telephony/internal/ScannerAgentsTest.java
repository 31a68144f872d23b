package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.telephony.SipSettings;

class ScannerAgentsTest {

    private final ScannerAgents scanners = new ScannerAgents(
            new SipSettings.Fraud(null, null, null, null, null, null, null, null, null, null, null, null).blockedUserAgents());

    @Test
    void knownScannersAreRecognisedWithoutCasePhonesAreNot() {
        assertThat(scanners.isScanner("friendly-scanner")).isTrue();
        assertThat(scanners.isScanner("SIPVicious 0.3.4")).isTrue();
        assertThat(scanners.isScanner("sipcli/v1.8")).isTrue();
        assertThat(scanners.isScanner("Yealink SIP-T46S 66.86.0.15")).isFalse();
        assertThat(scanners.isScanner("Switchboard Phone 1.0")).isFalse();
        assertThat(scanners.isScanner(null)).isFalse();
        assertThat(new ScannerAgents(java.util.List.of("mytool")).isScanner("MyTool 2")).isTrue();
    }
}
