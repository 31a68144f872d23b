package org.switchboard.licensing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.switchboard.licensing.LicencePolicy;
import org.switchboard.licensing.ReclaimPause;

/**
 * Releases desktop sessions whose heartbeat stopped and calls that never reported their end,
 * recorded as reclaimed. The reclaim of a pool goes to the pool's writer like an event, so it waits
 * for no lock and keeps the writer's cached pool valid. On several nodes each may ask for the same
 * pool; the second finds nothing left to release. Also forgets the ended and refused refs of every
 * pool stored longer than {@link LicencePolicy#REF_MEMORY}.
 */
@Component
public class ReclaimJob {

    private static final Logger log = LoggerFactory.getLogger(ReclaimJob.class);

    /** Pools looked up and reclaimed in one round. */
    private static final int ROUND = 500;

    private final PoolStore store;
    private final LicenceWriter writer;
    private final LicenceReads reads;
    private final Clock clock;
    private final ReclaimPause pause;

    ReclaimJob(PoolStore store, LicenceWriter writer, LicenceReads reads, Clock clock, ReclaimPause pause) {
        this.pause = pause;
        this.store = store;
        this.writer = writer;
        this.reads = reads;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${switchboard.licensing.reclaim-interval:10000}", initialDelay = 5000)
    void scheduled() {
        if (pause.paused()) {
            return;
        }
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
        Set<UUID> done = new HashSet<>();
        for (int round = 0; round < 1000; round++) {
            List<UUID> due = store.poolsToReclaim(now.minus(heartbeat), now.minus(call), ROUND + done.size());
            due.removeAll(done);
            if (due.isEmpty()) {
                break;
            }
            // Each pool's writer reclaims it within its next batch, between the pool's events.
            List<CompletableFuture<Integer>> answers = due.stream().map(id -> writer.reclaim(id, now, heartbeat, call,
                    now.minus(LicencePolicy.REF_MEMORY))).toList();
            for (CompletableFuture<Integer> answer : answers) {
                try {
                    total += answer.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    log.warn("Reclaiming a pool failed; the next run retries: {}", e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return total;
                }
            }
            done.addAll(due);
            if (due.size() < ROUND) {
                break;
            }
        }
        // The pools keep ended and refused refs in memory for minutes only; storage keeps them a day.
        store.forgetRefs(now.minus(LicencePolicy.REF_MEMORY));
        return total;
    }
}
