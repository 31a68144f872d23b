package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.switchboard.telephony.TelephonyFixtures.Phone;

/**
 * Two phones speaking SIP over TLS ({@link TlsSipClient}): registration with digest, and a call from
 * one to the other that is challenged, forwarded, answered, acknowledged and hung up by the caller,
 * each step checked. The same dialogue runs straight against the core and through Kamailio.
 */
final class TlsPhones {

    /** What a test may look at after a call: the INVITE the callee received, and the Call-ID. */
    record Call(String callId, String forwardedInvite) {
        List<String> recordRoutes() {
            return TlsSipClient.headers(forwardedInvite, "Record-Route");
        }
    }

    private TlsPhones() {
    }

    /** REGISTER, answered 401, then with digest (MD5), answered 200 with the TLS contact bound. */
    static void register(TlsSipClient c, Phone phone) throws Exception {
        String uri = "sip:" + phone.domain();
        String aor = "<sip:" + phone.user() + "@" + phone.domain() + ">";
        String callId = "reg-" + UUID.randomUUID();
        c.send(register(c, phone, uri, aor, callId, 1, null));
        String challenge = c.finalResponse();
        assertThat(challenge).as("answer to REGISTER").startsWith("SIP/2.0 401");
        String auth = SipClient.answer(challenge, "MD5", phone.user(), phone.password(), "REGISTER", uri, "00000001");
        c.send(register(c, phone, uri, aor, callId, 2, auth));
        String ok = c.finalResponse();
        assertThat(ok).as("answer to the authenticated REGISTER").startsWith("SIP/2.0 200");
        assertThat(TlsSipClient.header(ok, "Contact")).contains("transport=tls");
    }

    /**
     * {@code caller} on {@code a} calls extension {@code dialled} registered on {@code b}: 407, the
     * INVITE again with digest, the callee answers 200, the caller acknowledges along the route
     * set, then hangs up; every message arrives where it should. {@code whileAnswered} runs between
     * the ACK and the BYE.
     */
    static Call call(TlsSipClient a, Phone caller, TlsSipClient b, String dialled, Runnable whileAnswered)
            throws Exception {
        String callId = "tls-" + UUID.randomUUID();
        String from = "<sip:" + caller.user() + "@" + caller.domain() + ">;tag=a1";
        String uri = "sip:" + dialled + "@" + caller.domain();
        a.send(invite(a, caller, uri, from, callId, 1, null));
        String challenge = a.finalResponse();
        assertThat(challenge).as("answer to the INVITE").startsWith("SIP/2.0 407");
        a.send(request("ACK", uri, a, from, "<" + uri + ">" + tagOf(challenge), callId, "1 ACK", List.of(), null));
        String auth = SipClient.answer(challenge, "MD5", caller.user(), caller.password(), "INVITE", uri, "00000001");
        a.send(invite(a, caller, uri, from, callId, 2, auth));

        String forwarded = b.receive();
        assertThat(forwarded).as("what the callee received").startsWith("INVITE ");
        List<String> recordRoutes = TlsSipClient.headers(forwarded, "Record-Route");
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
                .append("Contact: <sip:").append(dialled).append("@127.0.0.1:").append(b.localPort())
                .append(";transport=tls>\n")
                .append("Content-Length: 0\n\n");
        b.send(ok.toString());

        String answered = a.finalResponse();
        assertThat(answered).as("the caller's final answer").startsWith("SIP/2.0 200");
        // the route set is the Record-Route of the answer, reversed (RFC 3261 12.1.2)
        List<String> routes = new ArrayList<>(TlsSipClient.headers(answered, "Record-Route"));
        Collections.reverse(routes);
        String contact = TlsSipClient.header(answered, "Contact").replaceAll("^<|>.*$", "");
        String dialogTo = TlsSipClient.header(answered, "To");
        a.send(request("ACK", contact, a, from, dialogTo, callId, "2 ACK", routes, null));
        assertThat(b.receive()).as("the ACK at the callee").startsWith("ACK ");
        whileAnswered.run();

        a.send(request("BYE", contact, a, from, dialogTo, callId, "3 BYE", routes, null));
        String bye = b.receive();
        assertThat(bye).as("the BYE at the callee").startsWith("BYE ");
        b.send("SIP/2.0 200 OK\n" + TlsSipClient.headers(bye, "Via").stream().map(v -> "Via: " + v + "\n")
                .reduce("", String::concat) + "From: " + TlsSipClient.header(bye, "From") + "\nTo: "
                + TlsSipClient.header(bye, "To") + "\nCall-ID: " + callId + "\nCSeq: 3 BYE\nContent-Length: 0\n\n");
        assertThat(a.finalResponse()).as("the answer to the BYE").startsWith("SIP/2.0 200");
        return new Call(callId, forwarded);
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
