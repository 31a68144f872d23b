package org.switchboard.licensing.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * One licence writer's queue. Events go into batches as they came, all that queued up (up to a
 * batch); background work (reclaims) is set aside as it comes out of the queue and joins each
 * batch a few at a time, oldest first, so that a round of it never stands in front of the events
 * queued after it. Offered from any thread; taken by the writer's thread alone.
 * <p>
 * With a {@code spacing}, while events come from several senders at once (the last batch held
 * more than one), a batch is taken at most that often: once an event came sooner after the last
 * batch was taken, the rest of the spacing is waited for, and what queues up meanwhile joins the
 * batch. A lone sender, which waits for each answer, makes batches of one and is never held back.
 */
final class BatchQueue<T> {

    private final BlockingQueue<T> queue;
    private final ArrayDeque<T> background = new ArrayDeque<>();
    private final Predicate<T> isBackground;
    private final int maxBatch;
    private final int backgroundPerBatch;
    private final long spacingNanos;
    /** When the last batch was taken ({@link System#nanoTime()}), and how many events it held. */
    private long lastTaken;
    private int lastEvents;

    BatchQueue(int capacity, int maxBatch, int backgroundPerBatch, Predicate<T> isBackground) {
        this(capacity, maxBatch, backgroundPerBatch, isBackground, 0);
    }

    BatchQueue(int capacity, int maxBatch, int backgroundPerBatch, Predicate<T> isBackground, long spacingNanos) {
        if (maxBatch < 1 || backgroundPerBatch < 1) {
            throw new IllegalArgumentException("A batch holds at least one event and one piece of background work.");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.backgroundPerBatch = backgroundPerBatch;
        this.isBackground = isBackground;
        this.spacingNanos = spacingNanos;
    }

    /** False when the queue is full. */
    boolean offer(T item) {
        return queue.offer(item);
    }

    /**
     * Adds the next batch to {@code batch}: the events queued up (at most a batch of them), then
     * the oldest few pieces of background work. Waits up to {@code waitMillis} when there is
     * nothing at all; adds nothing if nothing came. Spaced out as the class says.
     */
    void take(List<T> batch, long waitMillis) throws InterruptedException {
        int events = 0;
        boolean first = true;
        while (events < maxBatch) {
            T item = events == 0 && background.isEmpty() ? queue.poll(waitMillis, TimeUnit.MILLISECONDS) : queue.poll();
            if (item == null) {
                break;
            }
            if (first) {
                first = false;
                if (spacingNanos > 0 && lastEvents > 1) {
                    pauseUntil(lastTaken + spacingNanos);
                }
            }
            if (isBackground.test(item)) {
                background.add(item);
            } else {
                batch.add(item);
                events++;
            }
        }
        for (int i = 0; i < backgroundPerBatch && !background.isEmpty(); i++) {
            batch.add(background.poll());
        }
        if (!batch.isEmpty()) {
            lastTaken = System.nanoTime();
            lastEvents = events;
        }
    }

    private static void pauseUntil(long notBefore) throws InterruptedException {
        for (long left = notBefore - System.nanoTime(); left > 0; left = notBefore - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Whether nothing waits (the writer's thread only). */
    boolean isEmpty() {
        return queue.isEmpty() && background.isEmpty();
    }
}
