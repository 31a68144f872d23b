package org.switchboard.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SIP header names in the one form the rest of the layer compares: compact forms ({@code v},
 * {@code i}, {@code m}, ...) expanded, well-known names in their RFC spelling ({@code Call-ID},
 * {@code CSeq}, {@code WWW-Authenticate}), any other name capitalised per hyphenated word.
 * <p>
 * The names every message carries are kept as constants: the parser hands those very strings to a
 * message, so comparing a name of the code with a name read from the wire is one reference check,
 * and reading a well-known name from a datagram makes no string at all.
 */
final class HeaderNames {

    static final String VIA = "Via";
    static final String FROM = "From";
    static final String TO = "To";
    static final String CALL_ID = "Call-ID";
    static final String CSEQ = "CSeq";
    static final String CONTACT = "Contact";
    static final String CONTENT_LENGTH = "Content-Length";
    static final String CONTENT_TYPE = "Content-Type";
    static final String MAX_FORWARDS = "Max-Forwards";
    static final String ROUTE = "Route";
    static final String RECORD_ROUTE = "Record-Route";

    /** Names in their canonical form, looked up by reference first (the code's literals are these strings). */
    private static final String[] COMMON = { VIA, FROM, TO, CALL_ID, CSEQ, CONTACT, CONTENT_LENGTH, CONTENT_TYPE,
            MAX_FORWARDS, ROUTE, RECORD_ROUTE, "Authorization", "Proxy-Authorization", "User-Agent", "Require",
            "Proxy-Require", "Allow", "Supported", "Expires", "Server", "Warning", "Retry-After",
            "WWW-Authenticate", "Proxy-Authenticate", "Accept", "Unsupported", "Subject", "Content-Encoding",
            "P-Asserted-Identity", "Allow-Events", "Date" };
    /** The wire's spellings of {@link #COMMON}, lower case, and the compact forms, with what they stand for. */
    private static final byte[][] WIRE;
    private static final String[] WIRE_NAME;

    private static final Map<String, String> COMPACT = Map.of("v", "Via", "f", "From", "t", "To", "i", "Call-ID",
            "m", "Contact", "l", "Content-Length", "c", "Content-Type", "k", "Supported", "s", "Subject",
            "e", "Content-Encoding");
    private static final Map<String, String> CANONICAL = Map.ofEntries(Map.entry("call-id", "Call-ID"),
            Map.entry("cseq", "CSeq"), Map.entry("www-authenticate", "WWW-Authenticate"),
            Map.entry("max-forwards", "Max-Forwards"), Map.entry("record-route", "Record-Route"));

    static {
        int n = COMMON.length + COMPACT.size();
        WIRE = new byte[n][];
        WIRE_NAME = new String[n];
        int i = 0;
        for (String name : COMMON) {
            WIRE[i] = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            WIRE_NAME[i++] = name;
        }
        for (Map.Entry<String, String> e : COMPACT.entrySet()) {
            WIRE[i] = e.getKey().getBytes(StandardCharsets.US_ASCII);
            WIRE_NAME[i++] = constant(e.getValue());
        }
    }

    private HeaderNames() {
    }

    /**
     * Names already looked up, as given (code's spelling and the wire's): every header access asks,
     * so the answer is remembered; bounded, so names made up by a sender cannot grow it.
     */
    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static final int MAX_SEEN = 4_096;

    static String canonical(String name) {
        for (String c : COMMON) {
            if (c == name) {
                return c;
            }
        }
        String known = SEEN.get(name);
        if (known != null) {
            return known;
        }
        String c = constant(compute(name));
        if (SEEN.size() < MAX_SEEN) {
            SEEN.put(name, c);
        }
        return c;
    }

    /**
     * The canonical name of the header name in {@code data[from, to)} (already trimmed), without
     * making a string when it is a well-known one or a compact form.
     */
    static String canonical(byte[] data, int from, int to) {
        int length = to - from;
        for (int i = 0; i < WIRE.length; i++) {
            byte[] w = WIRE[i];
            if (w.length == length && sameIgnoringCase(data, from, w)) {
                return WIRE_NAME[i];
            }
        }
        return canonical(new String(data, from, length, StandardCharsets.UTF_8));
    }

    private static boolean sameIgnoringCase(byte[] data, int from, byte[] lower) {
        for (int j = 0; j < lower.length; j++) {
            byte b = data[from + j];
            if (b != lower[j] && (b < 'A' || b > 'Z' || (b | 0x20) != lower[j])) {
                return false;
            }
        }
        return true;
    }

    /** The constant of {@link #COMMON} equal to {@code name}, or {@code name} itself. */
    private static String constant(String name) {
        for (String c : COMMON) {
            if (c.equals(name)) {
                return c;
            }
        }
        return name;
    }

    private static String compute(String name) {
        String n = name.trim();
        String lower = n.toLowerCase(Locale.ROOT);
        String compact = COMPACT.get(lower);
        if (compact != null && n.length() == 1) {
            return compact;
        }
        String known = CANONICAL.get(lower);
        if (known != null) {
            return known;
        }
        StringBuilder b = new StringBuilder(n.length());
        boolean upper = true;
        for (char ch : n.toCharArray()) {
            b.append(upper ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
            upper = ch == '-';
        }
        return b.toString();
    }
}
