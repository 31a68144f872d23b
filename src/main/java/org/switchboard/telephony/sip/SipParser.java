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
        SipMessage m = parseHead(new String(data, 0, end, StandardCharsets.UTF_8));
        int available = length - end;
        String cl = m.headerOrNull("Content-Length");
        int bodyLength = available;
        if (cl != null) {
            bodyLength = contentLength(cl, m);
            if (bodyLength > available) {
                throw new BadMessageException("Content-Length " + bodyLength + " is larger than the body", m);
            }
        }
        byte[] body = new byte[bodyLength];
        System.arraycopy(data, end, body, 0, bodyLength);
        m.rawBody(body);
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

    public static SipMessage parseHead(String head) throws BadMessageException {
        String[] lines = lines(head);
        int first = 0;
        while (first < lines.length && lines[first].isEmpty()) {
            first++;
        }
        if (first >= lines.length) {
            throw new BadMessageException("Empty message", null);
        }
        String start = lines[first];
        SipMessage m;
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
            m = SipMessage.response(status, p.length > 2 ? p[2] : "");
        } else {
            String[] p = start.split(" ");
            if (p.length != 3 || !p[2].equals("SIP/2.0") || !p[0].chars().allMatch(c -> c >= 'A' && c <= 'Z')
                    || p[0].isEmpty() || !p[1].contains(":")) {
                throw new BadMessageException("Bad request line", null);
            }
            m = SipMessage.request(p[0], p[1]);
        }
        String name = null;
        StringBuilder value = null;
        List<String[]> raw = new ArrayList<>();
        for (int i = first + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.trim()); // folded line
                continue;
            }
            if (name != null) {
                raw.add(new String[] { name, value.toString() });
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadMessageException("A header line without a colon", m);
            }
            name = SipMessage.canonical(line.substring(0, colon));
            value = new StringBuilder(line.substring(colon + 1).trim());
        }
        if (name != null) {
            raw.add(new String[] { name, value.toString() });
        }
        for (String[] h : raw) {
            if (MULTI.contains(h[0])) {
                for (String part : splitList(h[1])) {
                    m.add(h[0], part);
                }
            } else {
                m.add(h[0], h[1]);
            }
        }
        return m;
    }

    /**
     * The lines of a message head, split at CRLF, trailing empty lines dropped (as
     * {@code head.split("\r\n")}, without compiling a regular expression for every message).
     */
    static String[] lines(String head) {
        List<String> lines = new ArrayList<>(16);
        int from = 0;
        int crlf;
        while ((crlf = head.indexOf("\r\n", from)) >= 0) {
            lines.add(head.substring(from, crlf));
            from = crlf + 2;
        }
        lines.add(head.substring(from));
        int n = lines.size();
        while (n > 0 && lines.get(n - 1).isEmpty()) {
            n--;
        }
        return lines.subList(0, n).toArray(String[]::new);
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
