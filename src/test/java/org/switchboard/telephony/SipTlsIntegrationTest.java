package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.telephony.CallHistory.CallView;
import org.switchboard.telephony.TelephonyFixtures.Phone;

/**
 * SIP over TLS on its own port, with a self-signed certificate: phones register with digest over
 * TLS, and a call between two of them is set up, answered and hung up over their TLS connections,
 * with the core's Record-Route naming its TLS port.
 */
class SipTlsIntegrationTest extends SipEdgeTestBase {

    @Autowired
    TelephonyFixtures fixtures;
    @Autowired
    CallHistory history;
    @Autowired
    LicenceManagement licences;

    @Test
    void phonesRegisterOverTlsAndACallBetweenThemIsSetUpAndEndedOverTls() throws Exception {
        Setup setup = fixtures.instance(2, 2, 0);
        Phone caller = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        Phone callee = fixtures.phone(setup, "101", DeviceKind.DESK_PHONE);
        int tlsPort = fixtures.sipTlsPort();
        assertThat(tlsPort).isNotEqualTo(fixtures.sipPort());

        try (TlsSipClient a = new TlsSipClient(tlsPort, KEYSTORE, KEYSTORE_PASSWORD);
                TlsSipClient b = new TlsSipClient(tlsPort, KEYSTORE, KEYSTORE_PASSWORD)) {
            assertThat(a.protocol()).isIn("TLSv1.2", "TLSv1.3");
            TlsPhones.register(a, caller);
            TlsPhones.register(b, callee);

            // 100 calls 101: challenged, then forwarded to 101 over its TLS connection, with the
            // core's Record-Route naming its TLS port; live while answered (the call log's
            // group commit writes a call's answer within 20 ms)
            TlsPhones.Call call = TlsPhones.call(a, caller, b, "101", () -> {
                long answeredBy = System.currentTimeMillis() + 2_000;
                while (history.live(setup.customer().admin(), setup.instance()).stream()
                        .noneMatch(c -> c.answeredAt() != null) && System.currentTimeMillis() < answeredBy) {
                    sleep(20);
                }
                assertThat(history.live(setup.customer().admin(), setup.instance())).singleElement()
                        .satisfies(c -> assertThat(c.answeredAt()).isNotNull());
            });
            assertThat(call.recordRoutes()).anySatisfy(rr -> assertThat(rr).contains(":" + tlsPort + ";transport=tls"));
        }

        long until = System.currentTimeMillis() + 10_000;
        while (history.history(setup.customer().admin(), setup.instance(), "100").isEmpty()
                && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        CallView call = history.history(setup.customer().admin(), setup.instance(), "100").get(0);
        assertThat(call.endReason()).isEqualTo("BYE_CALLER");
        assertThat(licences.state(setup.customer().admin(), setup.instance()).occupied()).isZero();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
