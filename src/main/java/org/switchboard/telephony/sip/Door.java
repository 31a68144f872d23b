package org.switchboard.telephony.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the door needs to know of a message before the core sees it, read from the datagram's bytes
 * with as little parsing as possible: request or response, the method, the top Via's branch, whether
 * the To header has a tag (a request inside a dialog) and whether credentials are attached. Nothing
 * else is read, and no header but the top Via becomes a string: the door refuses new work under
 * overload for much less than serving it costs. The full parse happens on a worker, for what is let in.
 * <p>
 * The door's answers ({@code 503}, {@code 100 Trying}) are written from the request's bytes too: the
 * status line, then the request's Via, From, To, Call-ID and CSeq lines as they came (RFC 3261 8.2.6).
 */
final class Door {

    /** One message at the door; {@code branch} is {@code null} when the request has none. */
    record Arrival(boolean request, String method, String branch, boolean inDialog, boolean credentials) {

        /** A request outside a dialog that starts something new (not an ACK or CANCEL): what overload sheds. */
        boolean opening() {
            return request && !inDialog && !"ACK".equals(method) && !"CANCEL".equals(method);
        }

        /** The key of its transaction ({@code null} without a branch); an ACK or CANCEL names the INVITE's. */
        String key() {
            if (branch == null || method == null) {
                return null;
            }
            return branch + " " + ("ACK".equals(method) || "CANCEL".equals(method) ? "INVITE" : method);
        }

        static Arrival of(SipMessage m) {
            if (!m.isRequest()) {
                return new Arrival(false, null, null, false, false);
            }
            Via via = m.topVia();
            String to = m.headerOrNull("To");
            return new Arrival(true, m.method(), via == null ? null : via.branch(),
                    to != null && to.toLowerCase(java.util.Locale.ROOT).contains(";tag="),
                    m.headerOrNull("Authorization") != null || m.headerOrNull("Proxy-Authorization") != null);
        }
    }

    private static final byte[] SIP = "SIP/2.0 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG = ";tag=".getBytes(StandardCharsets.US_ASCII);

    private Door() {
    }

    /** Reads what the door needs of a datagram; {@code null} when even that cannot be read (the worker answers 400). */
    static Arrival scan(byte[] data, int length) {
        int end = SipParser.headEnd(data, 0, length);
        if (end < 0) {
            return null;
        }
        int lineEnd = SipParser.lineEnd(data, 0, end);
        if (startsWith(data, 0, SIP)) {
            return new Arrival(false, null, null, false, false);
        }
        int space = SipParser.indexOf(data, 0, lineEnd, (byte) ' ');
        if (space <= 0) {
            return null;
        }
        String method = new String(data, 0, space, StandardCharsets.US_ASCII);
        String topVia = null;
        boolean inDialog = false;
        boolean credentials = false;
        for (int at = lineEnd + 2; at < end - 2; at = lineEnd + 2) {
            lineEnd = SipParser.lineEnd(data, at, end);
            int colon = SipParser.indexOf(data, at, lineEnd, (byte) ':');
            if (colon < 0 || data[at] == ' ' || data[at] == '\t') {
                continue;
            }
            int nameEnd = colon;
            while (nameEnd > at && (data[nameEnd - 1] == ' ' || data[nameEnd - 1] == '\t')) {
                nameEnd--;
            }
            if (topVia == null && (named(data, at, nameEnd, "via") || named(data, at, nameEnd, "v"))) {
                topVia = new String(data, colon + 1, lineEnd - colon - 1, StandardCharsets.UTF_8);
            } else if (named(data, at, nameEnd, "to") || named(data, at, nameEnd, "t")) {
                inDialog = containsIgnoreCase(data, colon + 1, lineEnd, TAG);
            } else if (named(data, at, nameEnd, "authorization") || named(data, at, nameEnd, "proxy-authorization")) {
                credentials = true;
            }
        }
        String branch = null;
        if (topVia != null) {
            int comma = topVia.indexOf(',');
            branch = Via.branchOf(comma < 0 ? topVia : topVia.substring(0, comma));
        }
        return new Arrival(true, method, branch, inDialog, credentials);
    }

    /**
     * A response to the request in {@code data}: its status line, the request's Via, From, To, Call-ID
     * and CSeq lines (compact forms kept as they came), {@code extra} lines ("Name: value") and an
     * empty body. {@code null} when the request lacks a Via or Call-ID (nowhere to answer).
     */
    static byte[] reply(byte[] data, int length, int status, String reason, String... extra) {
        int end = SipParser.headEnd(data, 0, length);
        if (end < 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.writeBytes(("SIP/2.0 " + status + " " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII));
        boolean via = false;
        boolean callId = false;
        boolean copying = false;
        for (int at = SipParser.lineEnd(data, 0, end) + 2; at < end - 2;) {
            int lineEnd = SipParser.lineEnd(data, at, end);
            if (data[at] == ' ' || data[at] == '\t') {
                if (copying) { // a folded line of a header copied
                    out.write(data, at, lineEnd + 2 - at);
                }
            } else {
                int colon = SipParser.indexOf(data, at, lineEnd, (byte) ':');
                int nameEnd = colon < 0 ? at : colon;
                while (nameEnd > at && (data[nameEnd - 1] == ' ' || data[nameEnd - 1] == '\t')) {
                    nameEnd--;
                }
                boolean isVia = named(data, at, nameEnd, "via") || named(data, at, nameEnd, "v");
                boolean isCallId = named(data, at, nameEnd, "call-id") || named(data, at, nameEnd, "i");
                copying = colon > 0 && (isVia || isCallId || named(data, at, nameEnd, "from")
                        || named(data, at, nameEnd, "f") || named(data, at, nameEnd, "to")
                        || named(data, at, nameEnd, "t") || named(data, at, nameEnd, "cseq"));
                if (copying) {
                    via |= isVia;
                    callId |= isCallId;
                    out.write(data, at, lineEnd + 2 - at);
                }
            }
            at = lineEnd + 2;
        }
        if (!via || !callId) {
            return null;
        }
        for (String line : extra) {
            out.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (data.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the header name in {@code data[from, to)} is {@code lower} (ASCII, any case). */
    private static boolean named(byte[] data, int from, int to, String lower) {
        if (to - from != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if ((data[from + i] | 0x20) != lower.charAt(i) && data[from + i] != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsIgnoreCase(byte[] data, int from, int to, byte[] lower) {
        outer:
        for (int i = from; i + lower.length <= to; i++) {
            for (int j = 0; j < lower.length; j++) {
                byte b = data[i + j];
                if (b != lower[j] && (b | 0x20) != lower[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
