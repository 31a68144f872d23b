package org.switchboard.licensing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Releases desktop sessions whose heartbeat stopped and calls that never reported their end,
 * recorded as reclaimed. Safe on several nodes: each locks the pools it works on with SKIP LOCKED.
 */
@Component
public class ReclaimJob {

    private static final Logger log = LoggerFactory.getLogger(ReclaimJob.class);

    private final PoolMutations mutations;
    private final LicenceReads reads;
    private final Clock clock;

    ReclaimJob(PoolMutations mutations, LicenceReads reads, Clock clock) {
        this.mutations = mutations;
        this.reads = reads;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${switchboard.licensing.reclaim-interval:10000}", initialDelay = 5000)
    void scheduled() {
        try {
            runNow();
        } catch (RuntimeException e) {
            log.warn("Reclaiming licences failed; next run retries", e);
        }
    }

    /** Reclaims all that is due now; returns how many refs were released. */
    public int runNow() {
        int[] seconds = reads.timeoutsSeconds();
        Duration heartbeat = Duration.ofSeconds(seconds[0]);
        Duration call = Duration.ofSeconds(seconds[1]);
        Instant now = clock.instant();
        int total = 0;
        for (int round = 0; round < 1000; round++) {
            int n = mutations.reclaim(now, heartbeat, call, 10); // few pools per transaction: locks held briefly
            total += n;
            if (n == 0) {
                break;
            }
        }
        return total;
    }
}
