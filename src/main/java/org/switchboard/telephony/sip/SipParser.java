package org.switchboard.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads SIP messages from bytes. Refuses what a server must not guess about (RFC 3261 16.3 and
 * 8.2): a missing or broken start line, a header without a colon, a Content-Length that does not
 * match the body, a message larger than {@link #MAX_MESSAGE}.
 */
public final class SipParser {

    /** Larger messages are refused: nothing a phone sends is near it. */
    public static final int MAX_MESSAGE = 64 * 1024;
    private static final Set<String> MULTI = Set.of("Via", "Contact", "Route", "Record-Route", "Allow",
            "Supported", "Require", "Proxy-Require");

    private SipParser() {
    }

    /** A message that could not be read; {@code request} tells whether it can be answered with 400. */
    public static final class BadMessageException extends Exception {
        private final transient SipMessage partial;

        BadMessageException(String message, SipMessage partial) {
            super(message);
            this.partial = partial;
        }

        /** What was read of the message up to the fault (its headers), to answer a request 400. */
        public SipMessage partial() {
            return partial;
        }
    }

    /** Index just past the blank line ending the head, or -1 if the head is not complete yet. */
    public static int headEnd(byte[] data, int offset, int length) {
        for (int i = offset; i + 3 < offset + length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** Parses a whole datagram (UDP): the body is the rest, cut to Content-Length when it is shorter. */
    public static SipMessage parseDatagram(byte[] data, int length) throws BadMessageException {
        if (length > MAX_MESSAGE) {
            throw new BadMessageException("Message too large", null);
        }
        int end = headEnd(data, 0, length);
        if (end < 0) {
            throw new BadMessageException("The message head does not end with an empty line", null);
        }
        SipMessage m = parseHead(data, 0, end);
        int available = length - end;
        String cl = m.headerOrNull(HeaderNames.CONTENT_LENGTH);
        int bodyLength = available;
        if (cl != null) {
            bodyLength = contentLength(cl, m);
            if (bodyLength > available) {
                throw new BadMessageException("Content-Length " + bodyLength + " is larger than the body", m);
            }
        }
        if (bodyLength > 0) {
            byte[] body = new byte[bodyLength];
            System.arraycopy(data, end, body, 0, bodyLength);
            m.rawBody(body);
        }
        return m;
    }

    static int contentLength(String value, SipMessage m) throws BadMessageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0 || n > MAX_MESSAGE) {
                throw new BadMessageException("Content-Length out of range", m);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadMessageException("Content-Length is not a number", m);
        }
    }

    /** Parses a message head given as text (lines ending CRLF, the empty line at its end optional). */
    public static SipMessage parseHead(String head) throws BadMessageException {
        byte[] bytes = head.getBytes(StandardCharsets.UTF_8);
        return parseHead(bytes, 0, bytes.length);
    }

    /**
     * Parses the message head in {@code data[from, to)} straight from the bytes: lines end at CRLF,
     * empty lines before the start line are skipped, the head ends at the first empty line; a line
     * starting with a space or tab continues the header before it (folded, joined with one space).
     * Well-known header names become no string ({@link HeaderNames#canonical(byte[], int, int)}); a
     * value becomes one string, trimmed, and a list header (Via, Contact, Route...) one string per
     * element.
     */
    public static SipMessage parseHead(byte[] data, int from, int to) throws BadMessageException {
        int at = from;
        int lineEnd = lineEnd(data, at, to);
        while (lineEnd == at && at < to) { // empty lines before the start line
            at = lineEnd + 2;
            lineEnd = lineEnd(data, at, to);
        }
        if (at >= to) {
            throw new BadMessageException("Empty message", null);
        }
        SipMessage m = startLine(new String(data, at, lineEnd - at, StandardCharsets.UTF_8));
        at = lineEnd + 2;
        String name = null;
        int valueFrom = 0;
        int valueTo = 0;
        StringBuilder folded = null;
        while (at < to) {
            lineEnd = lineEnd(data, at, to);
            if (lineEnd == at) {
                break; // the empty line ending the head
            }
            if ((data[at] == ' ' || data[at] == '\t') && name != null) {
                if (folded == null) {
                    folded = new StringBuilder().append(string(data, valueFrom, valueTo));
                }
                folded.append(' ').append(string(data, trimStart(data, at, lineEnd), trimEnd(data, at, lineEnd)));
                at = lineEnd + 2;
                continue;
            }
            if (name != null) {
                add(m, name, folded != null ? folded.toString() : string(data, valueFrom, valueTo));
                folded = null;
            }
            int colon = indexOf(data, at, lineEnd, (byte) ':');
            if (colon <= at) {
                throw new BadMessageException("A header line without a colon", m);
            }
            name = HeaderNames.canonical(data, trimStart(data, at, colon), trimEnd(data, at, colon));
            valueFrom = trimStart(data, colon + 1, lineEnd);
            valueTo = trimEnd(data, valueFrom, lineEnd);
            at = lineEnd + 2;
        }
        if (name != null) {
            add(m, name, folded != null ? folded.toString() : string(data, valueFrom, valueTo));
        }
        return m;
    }

    private static SipMessage startLine(String start) throws BadMessageException {
        if (start.startsWith("SIP/2.0 ")) {
            String[] p = start.split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(p[1]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new BadMessageException("Bad status line", null);
            }
            if (status < 100 || status > 699) {
                throw new BadMessageException("Bad status code", null);
            }
            return SipMessage.response(status, p.length > 2 ? p[2] : "");
        }
        String[] p = start.split(" ");
        if (p.length != 3 || !p[2].equals("SIP/2.0") || p[0].isEmpty() || !upperLetters(p[0])
                || !p[1].contains(":")) {
            throw new BadMessageException("Bad request line", null);
        }
        return SipMessage.request(p[0], p[1]);
    }

    private static boolean upperLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** A header of the head: a list header (Via, Contact, Route...) split into its elements. */
    private static void add(SipMessage m, String name, String value) {
        if (!MULTI.contains(name)) {
            m.addCanonical(name, value);
        } else if (value.indexOf(',') < 0) {
            if (!value.isEmpty()) {
                m.addCanonical(name, value);
            }
        } else {
            for (String part : splitList(value)) {
                m.addCanonical(name, part);
            }
        }
    }

    private static String string(byte[] data, int from, int to) {
        return from >= to ? "" : new String(data, from, to - from, StandardCharsets.UTF_8);
    }

    /** The index of the CRLF ending the line that starts at {@code from}, or {@code to}. */
    static int lineEnd(byte[] data, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return to;
    }

    static int indexOf(byte[] data, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** As {@link String#trim()}: control characters and spaces (bytes 0 to 32, never those of UTF-8 sequences). */
    private static int trimStart(byte[] data, int from, int to) {
        while (from < to && (data[from] & 0xff) <= ' ') {
            from++;
        }
        return from;
    }

    private static int trimEnd(byte[] data, int from, int to) {
        while (to > from && (data[to - 1] & 0xff) <= ' ') {
            to--;
        }
        return to;
    }

    /** Splits a comma-separated header value, leaving commas inside quotes and angle brackets alone. */
    public static List<String> splitList(String value) {
        List<String> parts = new ArrayList<>(1);
        boolean quoted = false;
        int angle = 0;
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && ch == '<') {
                angle++;
            } else if (!quoted && ch == '>') {
                angle = Math.max(0, angle - 1);
            } else if (!quoted && angle == 0 && ch == ',') {
                String part = value.substring(from, i).trim();
                if (!part.isEmpty()) {
                    parts.add(part);
                }
                from = i + 1;
            }
        }
        String last = value.substring(from).trim();
        if (!last.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }
}
