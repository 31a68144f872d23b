package org.switchboard.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What the door reads of a datagram's bytes, and the answers it writes from them, without the full parse. */
class DoorTest {

    @Test
    void readsMethodBranchDialogAndCredentialsInFullAndCompactForms() {
        Door.Arrival invite = scan("INVITE sip:101@acme.sip.example SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bK-7, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-older\r\n"
                + "f: <sip:100@acme.sip.example>;tag=a\r\n"
                + "t: <sip:101@acme.sip.example>\r\n"
                + "i: c1@127.0.0.1\r\n"
                + "CSeq: 2 INVITE\r\n"
                + "Proxy-Authorization: Digest username=\"100\"\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertThat(invite).isEqualTo(new Door.Arrival(true, "INVITE", "z9hG4bK-7", false, true));
        assertThat(invite.opening()).isTrue();
        assertThat(invite.key()).isEqualTo("z9hG4bK-7 INVITE");

        Door.Arrival bye = scan("BYE sip:101@127.0.0.1:5080 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-8\r\n"
                + "To: <sip:101@acme.sip.example>;TAG=b\r\n"
                + "Call-ID: c1@127.0.0.1\r\n"
                + "CSeq: 3 BYE\r\n\r\n");
        assertThat(bye.inDialog()).isTrue();
        assertThat(bye.opening()).isFalse();

        Door.Arrival ack = scan("ACK sip:101@acme.sip.example SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-7\r\nTo: <sip:101@acme.sip.example>\r\n\r\n");
        assertThat(ack.opening()).isFalse();
        assertThat(ack.key()).as("an ACK names its INVITE's transaction").isEqualTo("z9hG4bK-7 INVITE");

        assertThat(scan("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP x;branch=z9hG4bK-1\r\n\r\n").request()).isFalse();
        assertThat(scan("not SIP at all")).as("no end of head").isNull();
    }

    @Test
    void writes503WithRetryAfterFromTheRequestsOwnLinesThatParsesAsTheAnswerToIt() throws Exception {
        String request = "REGISTER sip:acme.sip.example SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-0\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:100@acme.sip.example>;tag=a\r\n"
                + "To: <sip:100@acme.sip.example>\r\n"
                + "Call-ID: r1@127.0.0.1\r\n"
                + "CSeq: 7 REGISTER\r\n"
                + "Contact: <sip:100@127.0.0.1:5070>\r\n"
                + "Content-Length: 0\r\n\r\n";
        byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);

        byte[] reply = Door.reply(bytes, bytes.length, 503, "Service Unavailable", "Retry-After: 5");
        SipMessage busy = SipParser.parseDatagram(reply, reply.length);
        SipMessage asked = SipParser.parseDatagram(bytes, bytes.length);

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.headerOrNull("Retry-After")).isEqualTo("5");
        assertThat(busy.headers("Via")).isEqualTo(asked.headers("Via"));
        assertThat(busy.callId()).isEqualTo("r1@127.0.0.1");
        assertThat(busy.cseq()).isEqualTo(asked.cseq());
        assertThat(busy.headerOrNull("From")).isEqualTo(asked.headerOrNull("From"));
        assertThat(busy.headerOrNull("To")).isEqualTo(asked.headerOrNull("To"));
        assertThat(busy.headerOrNull("Contact")).isNull();
        assertThat(busy.body()).isEmpty();

        byte[] noCallId = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-2\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(Door.reply(noCallId, noCallId.length, 503, "Service Unavailable")).as("nowhere to answer").isNull();
    }

    private static Door.Arrival scan(String message) {
        byte[] b = message.getBytes(StandardCharsets.US_ASCII);
        return Door.scan(b, b.length);
    }
}
