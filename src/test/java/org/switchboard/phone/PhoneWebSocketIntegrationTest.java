package org.switchboard.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.connector.Reason;
import org.switchboard.licensing.Holder;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.phone.PhoneFixtures.EmployeeLogin;
import org.switchboard.phone.PhoneFixtures.Office;
import org.switchboard.phone.SessionClient.SipSocket;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SIP over WebSocket (RFC 7118) on the application's port, behind the page login. */
class PhoneWebSocketIntegrationTest extends IntegrationTestBase {

    @Autowired
    PhoneFixtures fixtures;
    @Autowired
    LicenceManagement licences;

    @Test
    void aSignedInEmployeeRegistersOverTheWebSocketWithoutAPasswordAndHoldsALicenceWhileTheSocketIsOpen() {
        Office office = fixtures.office(2, 1);
        EmployeeLogin anna = office.employees().get(0);
        SessionClient session = new SessionClient(port).logIn(anna.email(), anna.password());
        JsonNode me = JsonMapper.builder().build().readTree(session.getJson("/phone/me").body());
        String aor = me.get("sipUri").asString();
        String domain = me.get("domain").asString();

        SipSocket socket = session.openSip();
        assertThat(socket.open()).as("handshake: %s", socket.refusal).isTrue();
        assertThat(socket.ws.getSubprotocol()).isEqualTo("sip");
        socket.send(register(aor, domain, 1, 120));
        String ok = socket.next();
        // a desktop client is registered for two thirds of the heartbeat timeout (90 s): 60 s
        assertThat(ok).startsWith("SIP/2.0 200").contains("Contact: <sip:anna@df7jal23ls0d.invalid;transport=ws>;expires=60");
        assertThat(holders(office)).anySatisfy(h -> {
            assertThat(h.subject()).isEqualTo(anna.extension());
            assertThat(h.reasons()).contains(Reason.DESKTOP_SESSION);
        });

        socket.close(); // the tab is closed: the socket's registration ends, and with it the desktop session
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(holders(office)).isEmpty());
    }

    @Test
    void theSocketIsRefusedWithoutASessionAndToUsersWithoutABrowserDevice() {
        SipSocket anonymous = new SessionClient(port).openSip();
        assertThat(anonymous.open()).isFalse();

        Office office = fixtures.office(2, 0);
        SipSocket admin = new SessionClient(port).logIn(office.setup().customer().email(), PASSWORD).openSip();
        assertThat(admin.open()).as("a customer admin has no browser device").isFalse();
    }

    @Test
    void theSocketRegistersItsOwnDeviceOnly() {
        Office office = fixtures.office(3, 2);
        EmployeeLogin anna = office.employees().get(0);
        SessionClient annasSession = new SessionClient(port).logIn(anna.email(), anna.password());
        SessionClient bensSession = new SessionClient(port).logIn(office.employees().get(1).email(), PASSWORD);
        JsonNode ben = JsonMapper.builder().build().readTree(bensSession.getJson("/phone/me").body());

        SipSocket socket = annasSession.openSip();
        socket.send(register(ben.get("sipUri").asString(), ben.get("domain").asString(), 1, 120));
        assertThat(socket.next()).startsWith("SIP/2.0 403");
        socket.close();
    }

    private java.util.List<Holder> holders(Office office) {
        return licences.state(office.setup().customer().admin(), office.setup().instance()).holders();
    }

    static String register(String aor, String domain, int cseq, int expires) {
        String id = UUID.randomUUID().toString();
        return "REGISTER sip:" + domain + " SIP/2.0\r\n"
                + "Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK" + id.substring(0, 8) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <" + aor + ">\r\n"
                + "From: <" + aor + ">;tag=" + id.substring(9, 13) + "\r\n"
                + "Call-ID: " + id + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:anna@df7jal23ls0d.invalid;transport=ws>;expires=" + expires + "\r\n"
                + "User-Agent: test\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
