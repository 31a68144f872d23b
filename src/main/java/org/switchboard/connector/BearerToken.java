package org.switchboard.connector;

/** Reads the key a phone system sends as {@code Authorization: Bearer <key>}: the one parser of that header. */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /** Whether the header names the Bearer scheme (case-insensitively, as RFC 9110 has it). */
    public static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** The token of a Bearer header, trimmed; null when the header is not one. */
    public static String of(String authorization) {
        return isBearer(authorization) ? authorization.substring(SCHEME.length()).trim() : null;
    }
}
