package org.switchboard.licensing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.connector.Decision;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.licensing.LicencePool;
import org.switchboard.licensing.LicenceRecord;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/**
 * Applies the phone systems' events to the pools with group commit: each writer thread takes
 * what has queued up (up to a batch), applies the events to its cached pools, writes every change
 * in one statement that checks and locks each pool at its cached version, and commits once; where a
 * pool is not cached or its version moved on, it locks the pool rows first and loads them anew. An instance
 * always goes to the same writer thread of a node, so its events keep their order.
 *
 * <p>While events come from several senders at once (its last batch held more than one), a
 * writer starts a batch at most every {@code switchboard.licensing.batch-interval}: an event that
 * comes sooner after the last batch's start waits for the rest of the interval, and what queues up
 * meanwhile joins its batch, so a busy writer commits less often. A lone sender, which waits for
 * each answer before it sends the next event, makes batches of one and is never held back.
 *
 * <p>Reclaims (the reclaim job asks for hundreds of pools at once, each releasing many refs) do
 * not queue in front of events: a writer takes every event that has queued up and only a few
 * reclaims per batch ({@code switchboard.licensing.reclaims-per-batch}), so a reclaim round adds a
 * little to many batches instead of holding the events behind a few long ones.
 *
 * <p>Why this class is large: it is the one place where an event is queued, batched, applied to
 * its pool, committed and answered, in that order, on the pool's own thread; the cached pools
 * ({@link CachedPools}), the refs read back ({@link RecalledRefs}), the queue ({@link BatchQueue})
 * and the write ({@link PoolChangeWriter}) are apart already, and splitting the batch's steps
 * further would spread that order over several classes.
 */
@Component
public class LicenceWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LicenceWriter.class);

    /** What a batch tells the rest of the module after it committed. */
    public interface CommitListener {
        void committed(UUID instanceId, UUID customerId, int licensed, int occupied, List<LicenceRecord> records);
    }

    /**
     * The answer to a queued event. Either the writer takes the event to apply it, or the waiting
     * caller withdraws it first, never both: an event given up by its caller is never applied later.
     */
    public static final class Answer<T> extends CompletableFuture<T> {

        private final AtomicBoolean taken = new AtomicBoolean();

        boolean take() {
            return taken.compareAndSet(false, true);
        }

        /** Withdraws the event if the writer has not taken it yet; false when it is being applied or was. */
        public boolean withdraw() {
            return taken.compareAndSet(false, true);
        }
    }

    private record Task(UUID instanceId, Function<LicencePool, ?> work, Answer<Object> answer, long queued,
            boolean reclaim) {
    }

    private final PoolStore store;
    private final RecalledRefs recalledRefs;
    private final TransactionTemplate tx;
    private final List<CommitListener> listeners;
    private final int maxBatch;
    private final int reclaimsPerBatch;
    private final long batchIntervalNanos;
    private final Worker[] workers;
    private volatile boolean running;

    private final io.micrometer.core.instrument.Timer batchTime;
    private final io.micrometer.core.instrument.DistributionSummary batchSize;
    private final io.micrometer.core.instrument.Counter redone;

    LicenceWriter(PoolStore store, RecalledRefs recalledRefs, TransactionTemplate tx, List<CommitListener> listeners,
            io.micrometer.core.instrument.MeterRegistry registry,
            @Value("${switchboard.licensing.writers:2}") int writers,
            @Value("${switchboard.licensing.max-batch:256}") int maxBatch,
            @Value("${switchboard.licensing.reclaims-per-batch:8}") int reclaimsPerBatch,
            @Value("${switchboard.licensing.batch-interval:3ms}") Duration batchInterval) {
        if (batchInterval.isNegative() || batchInterval.compareTo(Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException(
                    "switchboard.licensing.batch-interval must be between 0 and 100ms, not " + batchInterval);
        }
        this.batchIntervalNanos = batchInterval.toNanos();
        this.batchTime = io.micrometer.core.instrument.Timer.builder("licence.batch")
                .description("Time of one group commit of licence events").register(registry);
        this.batchSize = io.micrometer.core.instrument.DistributionSummary.builder("licence.batch.events")
                .description("Events per group commit").register(registry);
        this.redone = CachedPools.redoneCounter(registry);
        this.store = store;
        this.recalledRefs = recalledRefs;
        this.tx = tx;
        this.listeners = listeners;
        this.maxBatch = maxBatch;
        this.reclaimsPerBatch = reclaimsPerBatch;
        this.workers = new Worker[writers];
        for (int i = 0; i < writers; i++) {
            workers[i] = new Worker(i);
        }
    }

    /** Queues an event; the answer completes after the batch holding it committed. */
    public Answer<Decision> submit(UUID instanceId, LicenceEvent event) {
        return enqueue(instanceId, new RecalledRefs.ApplyEvent(event), false);
    }

    /**
     * Queues a reclaim of the pool's silent desktop sessions and calls without end, and forgets its
     * ended refs older than {@code forgetBefore}: done in the writer's batches like an event, so a
     * reclaim neither waits for nor blocks the events of the pool, and the cached pool stays valid.
     * Completes with the number of refs released.
     */
    public CompletableFuture<Integer> reclaim(UUID instanceId, Instant now, Duration heartbeatTimeout,
            Duration callTimeout, Instant forgetBefore) {
        return enqueue(instanceId, pool -> {
            int released = pool.reclaim(now, heartbeatTimeout, callTimeout);
            pool.forget(forgetBefore);
            return released;
        }, true);
    }

    @SuppressWarnings("unchecked")
    private <T> Answer<T> enqueue(UUID instanceId, Function<LicencePool, T> work, boolean reclaim) {
        Answer<Object> answer = new Answer<>();
        if (!running) {
            answer.completeExceptionally(new IllegalStateException("The licence engine is not running"));
        } else {
            Worker worker = workers[Math.floorMod(instanceId.hashCode(), workers.length)];
            if (!worker.queue.offer(new Task(instanceId, work, answer, System.nanoTime(), reclaim))) {
                answer.completeExceptionally(new IllegalStateException("The licence engine is overloaded; try again"));
            }
        }
        return (Answer<T>) answer;
    }

    private final class Worker implements Runnable {

        final BatchQueue<Task> queue = new BatchQueue<>(100_000, maxBatch, reclaimsPerBatch, Task::reclaim,
                batchIntervalNanos);
        final CachedPools cache = new CachedPools(redone);
        final String name;
        final BatchSeconds<Task> seconds;
        volatile Thread thread;

        Worker(int n) {
            name = "licence-writer-" + n;
            seconds = new BatchSeconds<>(name, Task::reclaim, Task::queued);
        }

        /** A new thread at every start: the writer stops and starts again with its context (tests pause contexts). */
        void startThread() {
            cache.clear(); // other nodes may have written while this one was stopped
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            List<Task> batch = new ArrayList<>(maxBatch);
            while (running || !queue.isEmpty()) {
                try {
                    queue.take(batch, 200);
                    if (batch.isEmpty()) {
                        continue;
                    }
                    batch.removeIf(t -> !t.answer().take()); // withdrawn by a caller that stopped waiting
                    if (batch.isEmpty()) {
                        continue;
                    }
                    long started = System.nanoTime();
                    process(batch);
                    long took = System.nanoTime() - started;
                    batchTime.record(took, TimeUnit.NANOSECONDS);
                    batchSize.record(batch.size());
                    if (BatchSeconds.enabled()) {
                        seconds.add(batch, started, took);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.error("Licence batch failed", e);
                } finally {
                    batch.clear();
                }
            }
        }

        private void process(List<Task> batch) {
            Map<UUID, List<Task>> byInstance = new LinkedHashMap<>();
            batch.forEach(t -> byInstance.computeIfAbsent(t.instanceId(), k -> new ArrayList<>()).add(t));
            Map<Task, Object> outcomes = new HashMap<>();
            List<PoolStore.Written> written = new ArrayList<>();
            if (!cache.holdsAll(byInstance.keySet()) || !cache.writeIfUnchanged(tx, store, byInstance,
                    pools -> recalledRefs.ready(pools, byInstance, Task::work, true),
                    (pool, tasks) -> apply(pool, tasks, outcomes), written)) { // else again with the pools locked
                try {
                    tx.executeWithoutResult(status -> writeLocked(byInstance, outcomes, written));
                } catch (RuntimeException e) {
                    cache.evict(byInstance.keySet());
                    log.warn("Licence batch of {} events rolled back: {}", batch.size(), e.toString());
                    batch.forEach(t -> t.answer().completeExceptionally(
                            new IllegalStateException("The licence event could not be stored; send it again.", e)));
                    return;
                }
            }
            for (PoolStore.Written w : written) {
                cache.put(w.row().at(w.row().version() + 1), w.pool());
            }
            for (Task t : batch) {
                Object outcome = outcomes.get(t);
                if (outcome instanceof Throwable failure) {
                    t.answer().completeExceptionally(failure);
                } else {
                    t.answer().complete(outcome);
                }
            }
            for (PoolStore.Written w : written) {
                for (CommitListener l : listeners) {
                    try {
                        l.committed(w.row().instanceId(), w.row().customerId(), w.pool().licensed(), w.pool().occupied(),
                                w.changes().records());
                    } catch (RuntimeException e) {
                        log.warn("Licence commit listener failed", e);
                    }
                }
            }
        }

        /**
         * The batch with its pools' rows locked first, each pool loaded anew where its version moved
         * on, and made ready for its events ({@link RecalledRefs#ready}).
         */
        private void writeLocked(Map<UUID, List<Task>> byInstance, Map<Task, Object> outcomes,
                List<PoolStore.Written> written) {
            outcomes.clear();
            written.clear();
            Map<UUID, PoolStore.PoolRow> rows = store.lock(byInstance.keySet());
            Map<UUID, LicencePool> pools = recalledRefs.ready(cache.current(rows, store), byInstance, Task::work, false);
            for (Map.Entry<UUID, List<Task>> entry : byInstance.entrySet()) {
                PoolStore.PoolRow row = rows.get(entry.getKey());
                if (row == null) {
                    entry.getValue().forEach(t -> outcomes.put(t, new NotFoundException(
                            "Licensing is not set up for instance " + t.instanceId() + ".")));
                    continue;
                }
                LicencePool pool = pools.get(row.instanceId());
                cache.remove(row.instanceId()); // back in only after the commit
                LicencePool.Changes changes = apply(pool, entry.getValue(), outcomes);
                if (changes.isEmpty()) {
                    cache.put(row, pool);
                } else {
                    written.add(new PoolStore.Written(row, pool, changes));
                }
            }
            store.write(written);
        }

        /** Applies a pool's tasks in order (bad input fails its event alone) and takes the changes. */
        private LicencePool.Changes apply(LicencePool pool, List<Task> tasks, Map<Task, Object> outcomes) {
            for (Task t : tasks) {
                try {
                    outcomes.put(t, t.work().apply(pool));
                } catch (InvalidInputException e) {
                    outcomes.put(t, e);
                }
            }
            return pool.drainChanges();
        }
    }

    @Override
    public void start() {
        running = true;
        for (Worker w : workers) {
            w.startThread();
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Worker w : workers) {
            try {
                if (w.thread != null) {
                    w.thread.join(5000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
