package org.switchboard.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link SipMessage} as the bytes that go on the wire: the start line, the headers in
 * their order, a Content-Length computed from the body (whatever the message's own header said),
 * the blank line and the body.
 */
final class SipEncoder {

    private SipEncoder() {
    }

    static byte[] encode(SipMessage m, List<String[]> headers) {
        byte[] body = m.body();
        StringBuilder b = new StringBuilder(512);
        if (m.isRequest()) {
            b.append(m.method()).append(' ').append(m.requestUri()).append(" SIP/2.0\r\n");
        } else {
            b.append("SIP/2.0 ").append(m.status()).append(' ').append(m.reason()).append("\r\n");
        }
        for (String[] h : headers) {
            if (!h[0].equals("Content-Length")) {
                b.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
        }
        b.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            return head;
        }
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }
}
