package org.switchboard.telephony.sip;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SIP header names in the one form the rest of the layer compares: compact forms ({@code v},
 * {@code i}, {@code m}, ...) expanded, well-known names in their RFC spelling ({@code Call-ID},
 * {@code CSeq}, {@code WWW-Authenticate}), any other name capitalised per hyphenated word.
 */
final class HeaderNames {

    private static final Map<String, String> COMPACT = Map.of("v", "Via", "f", "From", "t", "To", "i", "Call-ID",
            "m", "Contact", "l", "Content-Length", "c", "Content-Type", "k", "Supported", "s", "Subject",
            "e", "Content-Encoding");
    private static final Map<String, String> CANONICAL = Map.ofEntries(Map.entry("call-id", "Call-ID"),
            Map.entry("cseq", "CSeq"), Map.entry("www-authenticate", "WWW-Authenticate"),
            Map.entry("max-forwards", "Max-Forwards"), Map.entry("record-route", "Record-Route"));

    private HeaderNames() {
    }

    /**
     * Names already looked up, as given (code's spelling and the wire's): every header access asks,
     * so the answer is remembered; bounded, so names made up by a sender cannot grow it.
     */
    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static final int MAX_SEEN = 4_096;

    static String canonical(String name) {
        String known = SEEN.get(name);
        if (known != null) {
            return known;
        }
        String c = compute(name);
        if (SEEN.size() < MAX_SEEN) {
            SEEN.put(name, c);
        }
        return c;
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
