package org.switchboard.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passwords this node checked with bcrypt a moment ago, so that a client of the API sending the
 * same e-mail and password with every request (HTTP Basic) costs one bcrypt check a minute, not one
 * per request (about 80 ms of a core each).
 * <p>
 * Only a correct password is remembered, so a wrong one always goes through bcrypt (and the login
 * throttle) as before. What is remembered is no password: an HMAC-SHA-256, under a key made at
 * random when the node starts and never stored, of the e-mail, the password and the stored bcrypt
 * hash, so that a password changed or reset (a new stored hash) is never matched by the old
 * entry, and nothing kept in memory helps to guess a password. Each entry lasts
 * {@link #REMEMBERED} at most; at most {@link #LIMIT} are kept.
 */
public final class VerifiedPasswords {

    public static final Duration REMEMBERED = Duration.ofSeconds(60);
    static final int LIMIT = 10_000;

    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public VerifiedPasswords(Clock clock) {
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Whether bcrypt found this password right for this stored hash within the last minute. */
    public boolean verifiedRecently(String email, String password, String storedHash) {
        Instant expires = until.get(fingerprint(email, password, storedHash));
        return expires != null && clock.instant().isBefore(expires);
    }

    /** Bcrypt found the password right for the stored hash just now. */
    public void verified(String email, String password, String storedHash) {
        Instant now = clock.instant();
        if (until.size() >= LIMIT) {
            until.values().removeIf(expires -> !now.isBefore(expires));
            if (until.size() >= LIMIT) {
                until.clear();
            }
        }
        until.put(fingerprint(email, password, storedHash), now.plus(REMEMBERED));
    }

    private String fingerprint(String email, String password, String storedHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (String part : new String[] { email, password, storedHash }) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // Length-prefixed, so that no two different triples give the same input.
                mac.update(new byte[] { (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                        (byte) (bytes.length >>> 8), (byte) bytes.length });
                mac.update(bytes);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }
}
