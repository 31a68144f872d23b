package org.switchboard.licensing.internal;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One licence writer's batches second by second, logged when this logger is at DEBUG: batches,
 * events, reclaims, the longest wait of an event in the queue, the longest batch and the summed
 * batch time, logged by the first batch after the second is over. To lay beside a load test's
 * latencies ({@code --logging.level.org.switchboard.licensing.batches=DEBUG}).
 */
final class BatchSeconds<T> {

    private static final Logger log = LoggerFactory.getLogger("org.switchboard.licensing.batches");

    private final String writer;
    private final Predicate<T> reclaim;
    private final ToLongFunction<T> queuedAt;
    private long begun = System.nanoTime();
    private int batches;
    private int events;
    private int reclaims;
    private long longestWait;
    private long longestBatch;
    private long batchTotal;

    BatchSeconds(String writer, Predicate<T> reclaim, ToLongFunction<T> queuedAt) {
        this.writer = writer;
        this.reclaim = reclaim;
        this.queuedAt = queuedAt;
    }

    static boolean enabled() {
        return log.isDebugEnabled();
    }

    /** A batch begun at {@code started} (nano time) that took {@code took} nanoseconds. */
    void add(List<T> batch, long started, long took) {
        batches++;
        for (T t : batch) {
            if (reclaim.test(t)) {
                reclaims++;
            } else {
                events++;
                longestWait = Math.max(longestWait, started - queuedAt.applyAsLong(t));
            }
        }
        longestBatch = Math.max(longestBatch, took);
        batchTotal += took;
        long now = started + took;
        if (now - begun >= 1_000_000_000L) {
            log.debug("{}: batches={} events={} reclaims={} longest queue wait of an event={} ms longest batch={} ms"
                    + " batch time={} ms", writer, batches, events, reclaims, longestWait / 1_000_000,
                    longestBatch / 1_000_000, batchTotal / 1_000_000);
            begun = now;
            batches = 0;
            events = 0;
            reclaims = 0;
            longestWait = 0;
            longestBatch = 0;
            batchTotal = 0;
        }
    }
}
