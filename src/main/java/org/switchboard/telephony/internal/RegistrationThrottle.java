package org.switchboard.telephony.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rule "failed registrations are throttled", without a network: each key (a source address, an
 * account) may fail {@code failuresBeforeBan} times; then it is banned for {@code firstBan}, each
 * further ban twice as long as the last (at most {@code longestBan}). A key that stays quiet for
 * {@code forgetAfter} starts afresh; a good registration clears an account's failures. The table is
 * bounded: beyond {@code maxKeys}, keys that are not banned are forgotten first.
 */
final class RegistrationThrottle {

    private static final class Record {
        int failures;
        int bans;
        Instant bannedUntil = Instant.MIN;
        Instant lastFailure = Instant.MIN;
    }

    private final int failuresBeforeBan;
    private final Duration firstBan;
    private final Duration longestBan;
    private final Duration forgetAfter;
    private final int maxKeys;
    private final Map<String, Record> records = new ConcurrentHashMap<>();

    RegistrationThrottle(int failuresBeforeBan, Duration firstBan, Duration longestBan, Duration forgetAfter,
            int maxKeys) {
        this.failuresBeforeBan = Math.max(1, failuresBeforeBan);
        this.firstBan = firstBan;
        this.longestBan = longestBan;
        this.forgetAfter = forgetAfter;
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
            if (r.lastFailure.plus(forgetAfter).isBefore(now) && !r.bannedUntil.isAfter(now)) {
                r.failures = 0;
                r.bans = 0;
            }
            r.lastFailure = now;
            r.failures++;
            if (r.failures < failuresBeforeBan) {
                return Duration.ZERO;
            }
            r.failures = 0;
            r.bans++;
            Duration ban = firstBan.multipliedBy(1L << Math.min(r.bans - 1, 30));
            if (ban.compareTo(longestBan) > 0 || ban.isNegative()) {
                ban = longestBan;
            }
            r.bannedUntil = now.plus(ban);
            return ban;
        }
    }

    /** A good registration: the account's failures are forgotten (its earlier bans still count). */
    void succeeded(String key) {
        Record r = records.get(key);
        if (r != null) {
            synchronized (r) {
                r.failures = 0;
            }
        }
    }
}
