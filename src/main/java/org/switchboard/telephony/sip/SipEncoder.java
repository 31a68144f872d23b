package org.switchboard.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@link SipMessage} as the bytes that go on the wire: the start line, the headers in
 * their order, a Content-Length computed from the body (whatever the message's own header said),
 * the blank line and the body.
 * <p>
 * It writes straight into a buffer of its thread, kept from message to message, character by
 * character while they are ASCII (a string with others is encoded as UTF-8), and copies the result
 * out once: no string of the whole head is made and encoded again.
 */
final class SipEncoder {

    private static final byte[] SIP_20 = "SIP/2.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    /** Buffers above this size are not kept for the next message (a message this large is rare). */
    private static final int KEPT = 16 * 1024;
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private SipEncoder() {
    }

    static byte[] encode(SipMessage m, List<String[]> headers) {
        byte[] body = m.body();
        Buffer b = BUFFERS.get();
        b.length = 0;
        if (m.isRequest()) {
            b.ascii(m.method()).put(' ').ascii(m.requestUri()).put(' ').put(SIP_20);
        } else {
            b.put(SIP_20).put(' ').number(m.status()).put(' ').ascii(m.reason());
        }
        b.crlf();
        for (int i = 0, size = headers.size(); i < size; i++) {
            String[] h = headers.get(i);
            if (!h[0].equals(HeaderNames.CONTENT_LENGTH)) {
                b.ascii(h[0]).put(':').put(' ').ascii(h[1]).crlf();
            }
        }
        b.put(CONTENT_LENGTH).number(body.length).crlf().crlf();
        b.put(body);
        byte[] out = Arrays.copyOf(b.data, b.length);
        if (b.data.length > KEPT) {
            b.data = new byte[1024];
        }
        return out;
    }

    /** A growing byte buffer of one thread. */
    private static final class Buffer {
        byte[] data = new byte[1024];
        int length;

        private void room(int n) {
            if (length + n > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + n));
            }
        }

        Buffer put(char ch) {
            room(1);
            data[length++] = (byte) ch;
            return this;
        }

        Buffer put(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, data, length, bytes.length);
            length += bytes.length;
            return this;
        }

        Buffer crlf() {
            room(2);
            data[length++] = '\r';
            data[length++] = '\n';
            return this;
        }

        /** The string's characters as bytes while they are ASCII; encoded as UTF-8 otherwise. */
        Buffer ascii(String s) {
            if (s == null) {
                return put(new byte[] { 'n', 'u', 'l', 'l' });
            }
            int n = s.length();
            room(n);
            int start = length;
            for (int i = 0; i < n; i++) {
                char ch = s.charAt(i);
                if (ch >= 0x80) {
                    length = start;
                    return put(s.getBytes(StandardCharsets.UTF_8));
                }
                data[length++] = (byte) ch;
            }
            return this;
        }

        Buffer number(int value) {
            if (value < 0) {
                return ascii(Integer.toString(value));
            }
            int digits = 1;
            for (int v = value; v >= 10; v /= 10) {
                digits++;
            }
            room(digits);
            for (int i = length + digits - 1, v = value; i >= length; i--, v /= 10) {
                data[i] = (byte) ('0' + v % 10);
            }
            length += digits;
            return this;
        }
    }
}
