package org.switchboard.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.switchboard.telephony.sip.SipParser.BadMessageException;

class SipParserTest {

    private static SipMessage parse(String text) throws BadMessageException {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return SipParser.parseDatagram(b, b.length);
    }

    @Test
    void readsARequestWithCompactFormsListsAndABody() throws Exception {
        SipMessage m = parse("""
                INVITE sip:101@acme.sip.example SIP/2.0
                v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK2;rport
                f: "Huber, Anna" <sip:100@acme.sip.example>;tag=a
                t: <sip:101@acme.sip.example>
                i: abc@10.0.0.1
                CSeq: 7 INVITE
                m: <sip:100@10.0.0.1:5060>
                l: 4

                v=0
                """);
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.headers("Via")).hasSize(2);
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK1");
        assertThat(m.from().display()).isEqualTo("\"Huber, Anna\"");
        assertThat(m.from().tag()).isEqualTo("a");
        assertThat(m.from().sipUri().user()).isEqualTo("100");
        assertThat(m.cseq()).isEqualTo(new SipMessage.CSeq(7, "INVITE"));
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("v=0\r");
        SipMessage again = parse(m.toString().replace("\r\n", "\n"));
        assertThat(again.headers("Via")).isEqualTo(m.headers("Via"));
    }

    @Test
    void refusesWhatCannotBeReadAndKeepsWhatWasReadToAnswer400() {
        assertThatThrownBy(() -> parse("HELLO\n\n")).isInstanceOf(BadMessageException.class);
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nBroken header\n\n"))
                .isInstanceOf(BadMessageException.class);
        assertThatThrownBy(() -> parse("""
                OPTIONS sip:a@b SIP/2.0
                Via: SIP/2.0/UDP h;branch=z9hG4bK1
                Call-ID: x
                Content-Length: 500

                short
                """)).isInstanceOfSatisfying(BadMessageException.class,
                e -> assertThat(e.partial().callId()).isEqualTo("x"));
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\nContent-Length: -1\n\n"))
                .isInstanceOf(BadMessageException.class);
    }

    @Test
    void readsUrisAndVias() {
        SipUri uri = SipUri.parse("<sip:+4930123@10.0.0.9:5080;transport=TCP;lr>");
        assertThat(uri.user()).isEqualTo("+4930123");
        assertThat(uri.port()).isEqualTo(5080);
        assertThat(uri.transport()).isEqualTo("tcp");
        assertThat(SipUri.parse("mailto:a@b")).isNull();
        Via via = Via.parse("SIP/2.0/TCP 192.168.1.5:5062;branch=z9hG4bKx;received=1.2.3.4;rport=4000");
        assertThat(via.transport()).isEqualTo("TCP");
        assertThat(via.responseHost()).isEqualTo("1.2.3.4");
        assertThat(via.responsePort()).isEqualTo(4000);
    }
}
