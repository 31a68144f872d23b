package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

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
            register(a, caller);
            register(b, callee);

            // 100 calls 101: challenged, then forwarded to 101 over its TLS connection
            String callId = "tls-" + UUID.randomUUID();
            String from = "<sip:" + caller.user() + "@" + caller.domain() + ">;tag=a1";
            String uri = "sip:101@" + caller.domain();
            a.send(invite(a, caller, uri, from, callId, 1, null));
            String challenge = a.finalResponse();
            assertThat(challenge).startsWith("SIP/2.0 407");
            a.send(request("ACK", uri, a, from, "<" + uri + ">" + tagOf(challenge), callId, "1 ACK", List.of(), null));
            String auth = SipClient.answer(challenge, "MD5", caller.user(), caller.password(), "INVITE", uri, "00000001");
            a.send(invite(a, caller, uri, from, callId, 2, auth));

            String forwarded = b.receive();
            assertThat(forwarded).startsWith("INVITE ");
            List<String> recordRoutes = TlsSipClient.headers(forwarded, "Record-Route");
            assertThat(recordRoutes).anySatisfy(rr -> assertThat(rr).contains(":" + tlsPort + ";transport=tls"));
            String to = TlsSipClient.header(forwarded, "To") + ";tag=b1";
            StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\n");
            for (String via : TlsSipClient.headers(forwarded, "Via")) {
                ok.append("Via: ").append(via).append('\n');
            }
            for (String rr : recordRoutes) {
                ok.append("Record-Route: ").append(rr).append('\n');
            }
            ok.append("From: ").append(TlsSipClient.header(forwarded, "From")).append('\n')
                    .append("To: ").append(to).append('\n')
                    .append("Call-ID: ").append(callId).append('\n')
                    .append("CSeq: ").append(TlsSipClient.header(forwarded, "CSeq")).append('\n')
                    .append("Contact: <sip:101@127.0.0.1:").append(b.localPort()).append(";transport=tls>\n")
                    .append("Content-Length: 0\n\n");
            b.send(ok.toString());

            String answered = a.finalResponse();
            assertThat(answered).startsWith("SIP/2.0 200");
            // the route set is the Record-Route of the answer, reversed (RFC 3261 12.1.2)
            List<String> routes = new java.util.ArrayList<>(TlsSipClient.headers(answered, "Record-Route"));
            java.util.Collections.reverse(routes);
            String contact = TlsSipClient.header(answered, "Contact").replaceAll("^<|>.*$", "");
            String dialogTo = TlsSipClient.header(answered, "To");
            a.send(request("ACK", contact, a, from, dialogTo, callId, "2 ACK", routes, null));
            assertThat(b.receive()).startsWith("ACK ");
            assertThat(history.live(setup.customer().admin(), setup.instance())).singleElement()
                    .satisfies(c -> assertThat(c.answeredAt()).isNotNull());

            a.send(request("BYE", contact, a, from, dialogTo, callId, "3 BYE", routes, null));
            String bye = b.receive();
            assertThat(bye).startsWith("BYE ");
            b.send("SIP/2.0 200 OK\n" + TlsSipClient.headers(bye, "Via").stream().map(v -> "Via: " + v + "\n")
                    .reduce("", String::concat) + "From: " + TlsSipClient.header(bye, "From") + "\nTo: "
                    + TlsSipClient.header(bye, "To") + "\nCall-ID: " + callId + "\nCSeq: 3 BYE\nContent-Length: 0\n\n");
            assertThat(a.finalResponse()).startsWith("SIP/2.0 200");
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

    private static void register(TlsSipClient c, Phone phone) throws Exception {
        String uri = "sip:" + phone.domain();
        String aor = "<sip:" + phone.user() + "@" + phone.domain() + ">";
        String callId = "reg-" + UUID.randomUUID();
        c.send(register(c, phone, uri, aor, callId, 1, null));
        String challenge = c.finalResponse();
        assertThat(challenge).startsWith("SIP/2.0 401");
        String auth = SipClient.answer(challenge, "MD5", phone.user(), phone.password(), "REGISTER", uri, "00000001");
        c.send(register(c, phone, uri, aor, callId, 2, auth));
        String ok = c.finalResponse();
        assertThat(ok).startsWith("SIP/2.0 200");
        assertThat(TlsSipClient.header(ok, "Contact")).contains("transport=tls");
    }

    private static String register(TlsSipClient c, Phone phone, String uri, String aor, String callId, int cseq,
            String auth) {
        return "REGISTER " + uri + " SIP/2.0\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:" + c.localPort() + ";branch=z9hG4bK" + UUID.randomUUID() + "\n"
                + "From: " + aor + ";tag=r" + cseq + "\nTo: " + aor + "\nCall-ID: " + callId + "\n"
                + "CSeq: " + cseq + " REGISTER\n"
                + "Contact: <sip:" + phone.user() + "@127.0.0.1:" + c.localPort() + ";transport=tls>\n"
                + "Expires: 300\nMax-Forwards: 70\n" + (auth == null ? "" : "Authorization: " + auth + "\n")
                + "Content-Length: 0\n\n";
    }

    private static String invite(TlsSipClient c, Phone caller, String uri, String from, String callId, int cseq,
            String auth) {
        String sdp = "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 40000 RTP/AVP 0\n";
        sdp = sdp.replace("\n", "\r\n");
        return request("INVITE", uri, c, from, "<" + uri + ">", callId, cseq + " INVITE", List.of(),
                (auth == null ? "" : "Proxy-Authorization: " + auth + "\n")
                        + "Contact: <sip:" + caller.user() + "@127.0.0.1:" + c.localPort() + ";transport=tls>\n"
                        + "Content-Type: application/sdp\nContent-Length: " + sdp.length() + "\n\n" + sdp);
    }

    private static String request(String method, String uri, TlsSipClient c, String from, String to, String callId,
            String cseq, List<String> routes, String rest) {
        StringBuilder b = new StringBuilder(method + " " + uri + " SIP/2.0\n");
        b.append("Via: SIP/2.0/TLS 127.0.0.1:").append(c.localPort()).append(";branch=z9hG4bK")
                .append(method.equals("ACK") && cseq.startsWith("1 ") ? "ack1" : UUID.randomUUID()).append('\n');
        for (String r : routes) {
            b.append("Route: ").append(r).append('\n');
        }
        b.append("From: ").append(from).append("\nTo: ").append(to).append("\nCall-ID: ").append(callId)
                .append("\nCSeq: ").append(cseq).append("\nMax-Forwards: 70\n");
        b.append(rest == null ? "Content-Length: 0\n\n" : rest);
        return b.toString();
    }

    private static String tagOf(String response) {
        String to = TlsSipClient.header(response, "To");
        int at = to.indexOf(";tag=");
        return at < 0 ? "" : to.substring(at);
    }
}
