package org.switchboard.telephony.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces that cannot be replayed: each carries its issue time and a random part, signed with the
 * platform's nonce key (HMAC-SHA-256, shared by all nodes), so any node can check one without
 * having stored it; it is good for {@link #lifetime}, after which the phone is told it is stale;
 * and each use must count up (nc), so a captured request sent again is refused. The counters are
 * kept by the node that sees them, for the nonce's lifetime only ({@link NonceCounts}: dropped by
 * issue time, 16 to 32 bytes a nonce), so their memory is bounded: {@link #MAX_TRACKED} live nonces
 * hold a new nonce a REGISTER at 10,000 REGISTERs a second with the default lifetime of 5 minutes.
 */
final class Nonces {

    enum Check {
        GOOD, STALE, FORGED, REPLAYED,
        /** The nonce count is not one to eight hex digits from 1: no phone's count, to be answered 400, not stale. */
        MALFORMED
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();
    /** Live nonces whose counts are kept, at most (50 to 100 MB when full). */
    static final int MAX_TRACKED = 3_000_000;

    private final SecretKeySpec key;
    /** One MAC per thread, made once: looking the algorithm up costs more than signing 16 bytes. */
    private final ThreadLocal<Mac> macs;
    private final Clock clock;
    private final Duration lifetime;
    private final NonceCounts counts;
    private final LongAdder reused = new LongAdder();

    Nonces(byte[] key, Clock clock, Duration lifetime) {
        this(key, clock, lifetime, MAX_TRACKED);
    }

    Nonces(byte[] key, Clock clock, Duration lifetime, long maxTracked) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.clock = clock;
        this.lifetime = lifetime;
        this.counts = new NonceCounts(lifetime.toMillis(), maxTracked);
    }

    String issue() {
        byte[] body = new byte[16];
        ByteBuffer.wrap(body).putLong(clock.millis());
        byte[] rnd = new byte[8];
        SipReplies.RANDOM.get().nextBytes(rnd);
        System.arraycopy(rnd, 0, body, 8, 8);
        return B64.encodeToString(body) + "." + B64.encodeToString(sign(body));
    }

    Check check(String nonce, String nc) {
        int dot = nonce == null ? -1 : nonce.indexOf('.');
        if (dot < 0) {
            return Check.FORGED;
        }
        byte[] body;
        byte[] signature;
        try {
            body = D64.decode(nonce.substring(0, dot));
            signature = D64.decode(nonce.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Check.FORGED;
        }
        if (body.length != 16 || !MessageDigest.isEqual(sign(body), signature)) {
            return Check.FORGED;
        }
        ByteBuffer parts = ByteBuffer.wrap(body);
        long issued = parts.getLong();
        long now = clock.millis();
        if (issued > now + NonceCounts.FUTURE_MILLIS || now - issued > lifetime.toMillis()) {
            return Check.STALE;
        }
        long count = countOf(nc);
        if (count < 1) {
            return Check.MALFORMED;
        }
        long random = parts.getLong();
        NonceCounts.Use use = counts.use(issued, random, count);
        if (use == NonceCounts.Use.UNTRACKED) {
            counts.expire(now); // full: drop what is past its lifetime, then try once more
            use = counts.use(issued, random, count);
        }
        return switch (use) {
            case COUNTED -> Check.GOOD;
            case REPLAYED -> {
                reused.increment();
                yield Check.REPLAYED;
            }
            case UNTRACKED -> Check.STALE; // too many live nonces: ask for a fresh one rather than grow
        };
    }

    /**
     * The value of a nonce count (RFC 7616: eight hex digits, the first use 00000001; fewer digits are
     * taken too), or -1 when {@code nc} is not one. A count that cannot be read must not be taken as a
     * replay: a replay is challenged with {@code stale=true}, and a phone that sends the same unreadable
     * count with every new nonce would be challenged for ever.
     */
    private static long countOf(String nc) {
        if (nc == null || nc.isEmpty() || nc.length() > 8) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < nc.length(); i++) {
            char c = nc.charAt(i);
            int digit = c < 128 ? Character.digit(c, 16) : -1; // ASCII only: Java also reads other scripts' digits
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** Forgets the counters of nonces past their lifetime (they are refused as stale anyway). */
    void purge() {
        counts.expire(clock.millis());
    }

    /** Uses of a nonce count not higher than one seen before with its nonce, since start. */
    long reused() {
        return reused.sum();
    }

    /** Nonces whose counts are kept now. */
    long tracked() {
        return counts.tracked();
    }

    private byte[] sign(byte[] body) {
        byte[] full = macs.get().doFinal(body); // doFinal leaves the MAC ready for the next message
        byte[] cut = new byte[16];
        System.arraycopy(full, 0, cut, 0, 16);
        return cut;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
