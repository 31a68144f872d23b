package org.switchboard.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.switchboard.telephony.sip.SipParser.BadMessageException;

/** The parser reading straight from a datagram's bytes, the encoder writing into its buffer, and what they share. */
class ByteParsingTest {

    private static SipMessage parse(String text) throws BadMessageException {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return SipParser.parseDatagram(b, b.length);
    }

    @Test
    void wellKnownNamesInAnySpellingBecomeTheOneNameTheCodeAsksFor() throws Exception {
        SipMessage m = parse("""
                OPTIONS sip:a@b SIP/2.0
                VIA : SIP/2.0/UDP h;branch=z9hG4bK1
                call-id:x
                cseq:   1 OPTIONS\t
                MAX-FORWARDS: 70
                X-Custom-thing: Yes
                x-custom-THING: again

                """);
        assertThat(m.headerOrNull("Via")).isEqualTo("SIP/2.0/UDP h;branch=z9hG4bK1");
        assertThat(m.callId()).isEqualTo("x");
        assertThat(m.cseq()).isEqualTo(new SipMessage.CSeq(1, "OPTIONS"));
        assertThat(m.headerOrNull("max-forwards")).isEqualTo("70");
        assertThat(m.headers("X-Custom-Thing")).containsExactly("Yes", "again");
        assertThat(m.toString()).contains("\r\nCall-ID: x\r\n", "\r\nCSeq: 1 OPTIONS\r\n", "\r\nX-Custom-Thing: Yes\r\n");
    }

    @Test
    void everyCommonNameReadsAsItselfWhateverItsCase() {
        for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq", "Contact", "Content-Length", "Content-Type",
                "Max-Forwards", "Route", "Record-Route", "Authorization", "Proxy-Authorization", "User-Agent",
                "Require", "Proxy-Require", "Allow", "Supported", "Expires", "Server", "Warning", "Retry-After",
                "WWW-Authenticate", "Proxy-Authenticate", "Accept", "Unsupported", "Subject", "Content-Encoding",
                "P-Asserted-Identity", "Allow-Events", "Date", "Remote-Party-ID", "X-Made-Up")) {
            String lower = name.toLowerCase(Locale.ROOT);
            byte[] upper = name.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            String byString = HeaderNames.canonical(new String(lower));
            assertThat(HeaderNames.canonical(upper, 0, upper.length)).as(name).isEqualTo(byString);
            assertThat(HeaderNames.canonical(name)).as(name).isEqualTo(byString);
        }
        byte[] compact = "xvy".getBytes(StandardCharsets.US_ASCII);
        assertThat(HeaderNames.canonical(compact, 1, 2)).isEqualTo("Via");
    }

    @Test
    void foldedLinesEmptyLinesBeforeTheStartAndValuesOutsideAscii() throws Exception {
        SipMessage head = SipParser.parseHead("\r\n\r\nOPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n");
        assertThat(head.method()).isEqualTo("OPTIONS");
        assertThat(head.callId()).isEqualTo("x");
        SipMessage m = parse("""
                MESSAGE sip:a@b SIP/2.0
                Via: SIP/2.0/UDP h;branch=z9hG4bK1
                Subject: first
                  second\t
                \tthird
                From: "Jürgen Müller" <sip:100@b>;tag=ü1
                Call-ID: x
                Content-Length: 0

                """);
        assertThat(m.method()).isEqualTo("MESSAGE");
        assertThat(m.headerOrNull("Subject")).isEqualTo("first second third");
        assertThat(m.from().display()).isEqualTo("\"Jürgen Müller\"");
        assertThat(m.from().tag()).isEqualTo("ü1");
        byte[] encoded = m.encode();
        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("From: \"Jürgen Müller\" <sip:100@b>;tag=ü1\r\n");
        SipMessage again = SipParser.parseDatagram(encoded, encoded.length);
        assertThat(again.from()).isEqualTo(m.from());
        assertThat(again.headerOrNull("Subject")).isEqualTo("first second third");
    }

    @Test
    void listHeadersAreSplitIntoTheirElementsAndEmptyOnesDropped() throws Exception {
        SipMessage m = parse("""
                REGISTER sip:b SIP/2.0
                Via: SIP/2.0/UDP a;branch=z9hG4bK1 , SIP/2.0/TCP c;branch=z9hG4bK2
                Contact: "Anna, B" <sip:1@a>;expires=60, <sip:2@a>
                Route:
                Supported: path,outbound
                Call-ID: x

                """);
        assertThat(m.headers("Via")).containsExactly("SIP/2.0/UDP a;branch=z9hG4bK1", "SIP/2.0/TCP c;branch=z9hG4bK2");
        assertThat(m.headers("Contact")).containsExactly("\"Anna, B\" <sip:1@a>;expires=60", "<sip:2@a>");
        assertThat(m.headers("Route")).isEmpty();
        assertThat(m.headers("Supported")).containsExactly("path", "outbound");
    }

    @Test
    void malformedHeadsAreRefusedWithWhatWasReadBeforeTheFault() {
        assertThatThrownBy(() -> parse("\n\n")).isInstanceOf(BadMessageException.class);
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\n: no name\n\n"))
                .isInstanceOfSatisfying(BadMessageException.class,
                        e -> assertThat(e.partial().headerOrNull("Via")).isNotNull());
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0 extra\n\n")).isInstanceOf(BadMessageException.class);
        assertThatThrownBy(() -> parse("invite sip:a@b SIP/2.0\n\n")).isInstanceOf(BadMessageException.class);
        assertThatThrownBy(() -> parse("INVITE nocolon SIP/2.0\n\n")).isInstanceOf(BadMessageException.class);
        assertThatThrownBy(() -> parse("SIP/2.0 99 Too Low\n\n")).isInstanceOf(BadMessageException.class);
        assertThatThrownBy(() -> parse("SIP/2.0 abc OK\n\n")).isInstanceOf(BadMessageException.class);
        assertThatThrownBy(() -> parse("OPTIONS sip:a@b SIP/2.0\nContent-Length: x\n\n"))
                .isInstanceOf(BadMessageException.class);
        byte[] noEnd = "OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SipParser.parseDatagram(noEnd, noEnd.length)).isInstanceOf(BadMessageException.class);
        byte[] huge = new byte[SipParser.MAX_MESSAGE + 1];
        assertThatThrownBy(() -> SipParser.parseDatagram(huge, huge.length)).isInstanceOf(BadMessageException.class);
    }

    @Test
    void aResponseWithoutReasonAndABodyCutToContentLength() throws Exception {
        SipMessage r = parse("SIP/2.0 180\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nContent-Length: 3\n\nabcdef");
        assertThat(r.status()).isEqualTo(180);
        assertThat(r.reason()).isEmpty();
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(new String(r.encode(), StandardCharsets.US_ASCII)).endsWith("Content-Length: 3\r\n\r\nabc");
    }

    @Test
    void theEncoderWritesMessagesLargerThanItsBufferAndStartsAfreshEachTime() throws Exception {
        SipMessage big = SipMessage.request("MESSAGE", "sip:a@b");
        big.add("Via", "SIP/2.0/UDP h;branch=z9hG4bK1").add("Call-ID", "x");
        big.body("text/plain", "é".repeat(20_000).getBytes(StandardCharsets.UTF_8));
        byte[] first = big.encode();
        SipMessage back = SipParser.parseDatagram(first, first.length);
        assertThat(back.body()).isEqualTo(big.body());
        SipMessage small = SipMessage.response(200, "OK").add("Call-ID", "y");
        assertThat(new String(small.encode(), StandardCharsets.US_ASCII))
                .isEqualTo("SIP/2.0 200 OK\r\nCall-ID: y\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void viasAndAddressesReadByIndex() {
        Via via = Via.parse("  SIP/2.0/udp [2001:db8::1]:5062 ; branch = z9hG4bKx ;rport;Received=1.2.3.4  ");
        assertThat(via.transport()).isEqualTo("UDP");
        assertThat(via.host()).isEqualTo("[2001:db8::1]");
        assertThat(via.port()).isEqualTo(5062);
        assertThat(via.branch()).isEqualTo("z9hG4bKx");
        assertThat(via.params()).containsEntry("rport", "").containsEntry("received", "1.2.3.4");
        assertThat(Via.parse("SIP/2.0/UDP [::1]").host()).isEqualTo("[::1]");
        assertThat(Via.parse("SIP/2.0/UDP h:notaport;branch=x")).isNull();
        assertThat(Via.parse("SIP/2.0 h;branch=x")).isNull();
        assertThat(Via.parse("SIP/2.0/UDP/X h;branch=x")).isNull();
        assertThat(Via.parse("SIP/2.0/UDP")).isNull();
        assertThat(Via.parse("SIP/2.0/UDP h").params()).isEmpty();

        NameAddress a = NameAddress.parse(" \"Anna\" <sip:100@acme.example;user=phone> ;tag=\"abc\";Expires=60 ");
        assertThat(a.display()).isEqualTo("\"Anna\"");
        assertThat(a.uri()).isEqualTo("sip:100@acme.example;user=phone");
        assertThat(a.tag()).isEqualTo("abc");
        assertThat(a.param("expires")).isEqualTo("60");
        NameAddress bare = NameAddress.parse("sip:100@acme.example;tag=9");
        assertThat(bare.display()).isNull();
        assertThat(bare.uri()).isEqualTo("sip:100@acme.example");
        assertThat(bare.tag()).isEqualTo("9");
        assertThat(NameAddress.parse("<sip:100@acme.example")).isNull();
        assertThat(NameAddress.parse("<>").uri()).isEmpty();
    }

    @Test
    void theDoorsBranchIsTheBranchOfTheWholeVia() {
        for (String v : List.of("SIP/2.0/UDP h:5060;branch=z9hG4bK1;rport", " SIP/2.0/TCP h ; Branch = z9hG4bK2 ",
                "SIP/2.0/UDP h;rport;received=1.2.3.4", "SIP/2.0/UDP h;branch", "SIP/2.0/UDP h;branch=a;branch=b",
                "SIP/2.0/UDP h:x;branch=z9hG4bK3", "SIP/2.0 h;branch=z9hG4bK4", "nonsense", "",
                "SIP/2.0/UDP h;branches=1;xbranch=2")) {
            Via via = Via.parse(v);
            assertThat(Via.branchOf(v)).as(v).isEqualTo(via == null ? null : via.branch());
        }
        assertThat(Via.branchOf("SIP/2.0/UDP h;branch=a;branch=b")).isEqualTo("b");
        assertThat(Via.branchOf(null)).isNull();
    }

    @Test
    void parsedHeadersFollowChangesOfTheirOwnHeaderOnlyAndCopiesKeepThem() throws Exception {
        SipMessage m = parse("""
                INVITE sip:a@b SIP/2.0
                Via: SIP/2.0/UDP h;branch=z9hG4bK1
                From: <sip:1@b>;tag=f
                To: <sip:2@b>
                Call-ID: x
                CSeq: 1 INVITE

                """);
        Via top = m.topVia();
        assertThat(m.to().tag()).isNull();
        m.set("To", "<sip:2@b>;tag=t");
        assertThat(m.to().tag()).isEqualTo("t");
        assertThat(m.topVia()).isSameAs(top);
        m.addFirst("Via", "SIP/2.0/TCP p;branch=z9hG4bK2");
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK2");
        SipMessage c = m.copy();
        assertThat(c.topVia()).isSameAs(m.topVia());
        c.removeFirst("Via");
        assertThat(c.topVia().branch()).isEqualTo("z9hG4bK1");
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK2");
        c.set("CSeq", "2 INVITE");
        assertThat(c.cseq().number()).isEqualTo(2);
        assertThat(m.cseq().number()).isEqualTo(1);
        assertThat(m.withRequestUri("sip:z@b").requestSipUri().user()).isEqualTo("z");
        assertThat(m.requestSipUri().user()).isEqualTo("a");
    }

    @Test
    void urisReadOnceAreTheSameAnswerAndMalformedOnesStayRefused() {
        SipUri first = SipUri.parse("sip:144@127.0.0.1:5070;transport=udp");
        assertThat(SipUri.parse("sip:144@127.0.0.1:5070;transport=udp")).isSameAs(first);
        assertThatThrownBy(() -> first.params().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(SipUri.parse("sip:144@host:99999")).isNull();
        assertThat(SipUri.parse("tel:+4930123")).isNull();
        for (int i = 0; i < SipUri.MAX_READ + 10; i++) {
            assertThat(SipUri.parse("sip:" + i + "@h").user()).isEqualTo(String.valueOf(i));
        }
    }
}
