package org.switchboard.telephony.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP digest as SIP uses it (RFC 3261 22, RFC 7616, RFC 8760): MD5 and SHA-256, qop "auth".
 * Passwords are never stored: a device keeps HA1 = H(user:realm:password) for each algorithm.
 */
final class Digest {

    enum Algorithm {
        SHA_256("SHA-256", "SHA-256"), MD5("MD5", "MD5");

        final String token;
        final String jca;

        Algorithm(String token, String jca) {
            this.token = token;
            this.jca = jca;
        }

        static Algorithm of(String token) {
            if (token == null || token.isBlank()) {
                return MD5; // RFC 2617: no algorithm means MD5
            }
            for (Algorithm a : values()) {
                if (a.token.equalsIgnoreCase(token.trim())) {
                    return a;
                }
            }
            return null;
        }
    }

    private static final HexFormat HEX = HexFormat.of();
    /** Each thread's digests, made once (by {@link Algorithm#ordinal()}): the look-up costs more than hashing. */
    private static final ThreadLocal<MessageDigest[]> DIGESTS = ThreadLocal
            .withInitial(() -> new MessageDigest[Algorithm.values().length]);

    private Digest() {
    }

    static String hash(Algorithm algorithm, String text) {
        MessageDigest[] mine = DIGESTS.get();
        MessageDigest md = mine[algorithm.ordinal()];
        if (md == null) {
            try {
                md = MessageDigest.getInstance(algorithm.jca);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            mine[algorithm.ordinal()] = md;
        }
        return HEX.formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8))); // digest() resets it
    }

    static String ha1(Algorithm algorithm, String user, String realm, String password) {
        return hash(algorithm, user + ":" + realm + ":" + password);
    }

    /** The response with qop=auth: H(HA1:nonce:nc:cnonce:qop:H(method:uri)). */
    static String response(Algorithm algorithm, String ha1, String nonce, String nc, String cnonce, String qop,
            String method, String uri) {
        String ha2 = hash(algorithm, method + ":" + uri);
        return hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** Compares in constant time, so the response cannot be guessed byte by byte. */
    static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The parameters of an Authorization or Proxy-Authorization value ({@code Digest k=v, k="v"}). */
    static Map<String, String> params(String header) {
        Map<String, String> params = new LinkedHashMap<>();
        if (header == null) {
            return params;
        }
        String s = header.trim();
        if (!s.regionMatches(true, 0, "Digest ", 0, 7)) {
            return params;
        }
        s = s.substring(7);
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < s.length() && s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    return Map.of();
                }
                value = s.substring(i + 1, close);
                i = close + 1;
            } else {
                int comma = s.indexOf(',', i);
                value = (comma < 0 ? s.substring(i) : s.substring(i, comma)).trim();
                i = comma < 0 ? s.length() : comma;
            }
            params.put(key, value);
        }
        return params;
    }
}
