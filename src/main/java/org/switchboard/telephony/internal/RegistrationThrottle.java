package org.switchboard.telephony.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.switchboard.platform.GrowingDelay;

/**
 * Failed registrations throttled by the platform's {@link GrowingDelay}, counted in memory per key
 * (a source address, an account): the {@code failuresBeforeBan}-th failure bans the key for
 * {@code firstBan}, each further failure twice as long as the last (at most {@code longestBan}). A
 * key that stays quiet for {@code forgetAfter} starts afresh; a good registration clears an
 * account's failures. The table is bounded: beyond {@code maxKeys}, keys that are not banned are
 * forgotten first.
 */
final class RegistrationThrottle {

    private static final class Record {
        int failures;
        Instant bannedUntil = Instant.MIN;
        Instant lastFailure = Instant.MIN;
    }

    private final GrowingDelay rule;
    private final int maxKeys;
    private final Map<String, Record> records = new ConcurrentHashMap<>();

    RegistrationThrottle(int failuresBeforeBan, Duration firstBan, Duration longestBan, Duration forgetAfter,
            int maxKeys) {
        this.rule = new GrowingDelay(Math.max(1, failuresBeforeBan), firstBan, longestBan, forgetAfter);
        this.maxKeys = maxKeys;
    }

    /** How long {@code key} stays banned from {@code now}, or zero when it is not banned. */
    Duration banned(String key, Instant now) {
        Record r = records.get(key);
        if (r == null) {
            return Duration.ZERO;
        }
        synchronized (r) {
            return r.bannedUntil.isAfter(now) ? Duration.between(now, r.bannedUntil) : Duration.ZERO;
        }
    }

    /** Counts a failure of {@code key}; answers the ban it earns (zero when none yet). */
    Duration failed(String key, Instant now) {
        if (records.size() >= maxKeys) {
            records.entrySet().removeIf(e -> !e.getValue().bannedUntil.isAfter(now));
            if (records.size() >= maxKeys) {
                return Duration.ZERO; // every key is banned: no room to count more, and nothing to forget
            }
        }
        Record r = records.computeIfAbsent(key, k -> new Record());
        synchronized (r) {
            if (rule.forgotten(r.lastFailure, now) && !r.bannedUntil.isAfter(now)) {
                r.failures = 0;
            }
            r.lastFailure = now;
            r.failures++;
            Duration ban = rule.after(r.failures);
            if (!ban.isZero()) {
                r.bannedUntil = now.plus(ban);
            }
            return ban;
        }
    }

    /** A good registration: the account's failures are forgotten. */
    void succeeded(String key) {
        Record r = records.get(key);
        if (r != null) {
            synchronized (r) {
                r.failures = 0;
            }
        }
    }
}
