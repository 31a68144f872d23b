package org.switchboard.telephony.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipParser;
import org.switchboard.telephony.sip.SipUri;

/**
 * What the SIP layer's message work costs one thread, without sockets or a platform: the messages
 * of one benchmark call (INVITE, 407, INVITE with digest, 100, 180, 200, ACK, BYE, 200) each read from
 * bytes, its Via, From, To, CSeq and URIs looked at, copied as a proxy forwards it (a Via added or
 * taken off) and written again; prints the CPU time and the bytes allocated per message, six rounds
 * of 200,000 messages.
 *
 * <pre>
 * java -cp "$CP" org.switchboard.telephony.bench.SipMessageCost
 * </pre>
 */
public final class SipMessageCost {

    static final String SDP = "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    static String msg(String head, String body) {
        return head.replace("\n", "\r\n") + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    public static void main(String[] args) {
        String via = "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1234-1-0\n";
        String common = "From: sipp <sip:100@acme.sip.localhost:5061>;tag=1234SIPpTag001\nTo: <sip:144@acme.sip.localhost>\nCall-ID: 1-1234@127.0.0.1\n";
        List<byte[]> msgs = new ArrayList<>();
        msgs.add(msg("INVITE sip:144@acme.sip.localhost SIP/2.0\n" + via + common + "CSeq: 1 INVITE\nContact: sip:100@127.0.0.1:5061\nMax-Forwards: 70\nSubject: Performance Test\nContent-Type: application/sdp\n", SDP).getBytes(StandardCharsets.UTF_8));
        msgs.add(msg("SIP/2.0 407 Proxy Authentication Required\n" + via + common.replace("<sip:144@acme.sip.localhost>", "<sip:144@acme.sip.localhost>;tag=abc") + "CSeq: 1 INVITE\nProxy-Authenticate: Digest realm=\"acme.sip.localhost\", nonce=\"AAABjBdtDe5yQ2W7n8mJ3A.Qp3h6Vv8aC0nE4QZk7x1dA\", qop=\"auth\", algorithm=MD5\nServer: Switchboard\n", "").getBytes(StandardCharsets.UTF_8));
        msgs.add(msg("INVITE sip:144@acme.sip.localhost SIP/2.0\n" + via.replace("-0", "-2") + common + "CSeq: 2 INVITE\nContact: sip:100@127.0.0.1:5061\nMax-Forwards: 70\nProxy-Authorization: Digest username=\"d100\",realm=\"acme.sip.localhost\",cnonce=\"6b8b4567\",nc=00000001,qop=auth,uri=\"sip:144@acme.sip.localhost\",nonce=\"AAABjBdtDe5yQ2W7n8mJ3A.Qp3h6Vv8aC0nE4QZk7x1dA\",response=\"0f4b6a3b4c1e2d3f4a5b6c7d8e9f0a1b\",algorithm=MD5\nContent-Type: application/sdp\n", SDP).getBytes(StandardCharsets.UTF_8));
        String calleeVia = "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-sb0011223344556677;received=127.0.0.1;rport=5060\n" + via.replace("-0", "-2").replace("\n", ";received=127.0.0.1;rport=5061\n");
        String rr = "Record-Route: <sip:127.0.0.1:5060;transport=udp;lr>\n";
        for (String status : new String[] { "100 Trying", "180 Ringing", "200 OK" }) {
            msgs.add(msg("SIP/2.0 " + status + "\n" + calleeVia + rr + common.replace("<sip:144@acme.sip.localhost>", "<sip:144@acme.sip.localhost>;tag=55SIPpTag01") + "CSeq: 2 INVITE\nContact: <sip:144@127.0.0.1:5070;transport=UDP>\n" + (status.startsWith("200") ? "Content-Type: application/sdp\n" : ""), status.startsWith("200") ? SDP : "").getBytes(StandardCharsets.UTF_8));
        }
        for (String m : new String[] { "ACK", "BYE" }) {
            msgs.add(msg(m + " sip:144@127.0.0.1:5070;transport=UDP SIP/2.0\n" + via.replace("-0", "-" + m) + "Route: <sip:127.0.0.1:5060;transport=udp;lr>\n" + common.replace("<sip:144@acme.sip.localhost>", "<sip:144@acme.sip.localhost>;tag=55SIPpTag01") + "CSeq: " + (m.equals("ACK") ? "2" : "3") + " " + m + "\nContact: sip:100@127.0.0.1:5061\nMax-Forwards: 70\n", "").getBytes(StandardCharsets.UTF_8));
        }
        msgs.add(msg("SIP/2.0 200 OK\n" + calleeVia.replace("-2;", "-BYE;") + common.replace("<sip:144@acme.sip.localhost>", "<sip:144@acme.sip.localhost>;tag=55SIPpTag01") + "CSeq: 3 BYE\n", "").getBytes(StandardCharsets.UTF_8));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 6; round++) {
            int n = 200_000;
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                byte[] d = msgs.get(i % msgs.size());
                try {
                    SipMessage m = SipParser.parseDatagram(d, d.length);
                    sink += m.topVia().branch().length() + m.from().tag().length() + m.cseq().number();
                    sink += m.to().sipUri().host().length() + m.callId().length();
                    if (m.isRequest()) {
                        sink += SipUri.parse(m.requestUri()).host().length();
                    }
                    SipMessage f = m.copy();
                    if (m.isRequest()) {
                        f.addFirst("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-sb" + i);
                        f.set("Max-Forwards", "69");
                        sink += f.topVia().branch().length();
                    } else {
                        f.removeFirst("Via");
                        sink += f.topVia() == null ? 0 : f.topVia().port();
                    }
                    sink += f.encode().length;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - t0;
            long alloc = threads.getCurrentThreadAllocatedBytes() - a0;
            System.out.printf("round %d: %.2f us CPU and %d bytes allocated per message (read, looked at, forwarded, written)%n",
                    round, cpu / 1e3 / n, alloc / n);
        }
        System.out.println(sink == 42 ? "" : "done");
    }
}
