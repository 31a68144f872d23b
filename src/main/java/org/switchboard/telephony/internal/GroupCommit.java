package org.switchboard.telephony.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.springframework.context.SmartLifecycle;

/**
 * Group commit of the SIP core's writes: callers queue items, one writer thread takes what has
 * queued up (up to a batch) and hands it to {@link #write} as one batch. Started before the SIP core
 * and stopped after it; what is still queued at the stop is written before the stop returns.
 * <p>
 * Items nobody waits for are not written at once: the writer lingers up to {@code linger} for more
 * (a batch full, or an item somebody waits for, ends the wait), so that at any rate such items cost
 * at most one commit per linger, and they ride along with the next commit that somebody waits for.
 */
abstract class GroupCommit<T> implements SmartLifecycle {

    private final String threadName;
    private final int maxBatch;
    private final long lingerNanos;
    private final BlockingQueue<T> queue = new ArrayBlockingQueue<>(100_000);
    private volatile boolean running;
    private volatile Thread thread;

    GroupCommit(String threadName, int maxBatch, Duration linger) {
        this.threadName = threadName;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
    }

    /** Whether somebody waits for this item's commit: it is written at once, with what has queued up. */
    boolean waitedFor(T item) {
        return false;
    }

    /** Writes one batch; called on the writer thread, and at the stop for what is left. */
    abstract void write(List<T> batch);

    /** A batch whose write threw. */
    abstract void failed(List<T> batch, RuntimeException e);

    /** Queues an item; false when not running or the queue is full. */
    boolean offer(T item) {
        if (running && queue.offer(item)) {
            wakeFor(item);
            return true;
        }
        return false;
    }

    /** Queues an item, waiting while the queue is full. */
    void put(T item) throws InterruptedException {
        queue.put(item);
        wakeFor(item);
    }

    /** A lingering writer is woken only by an item somebody waits for (one wake-up per batch, not per item). */
    private void wakeFor(T item) {
        Thread t = thread;
        if (t != null && waitedFor(item)) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<T> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the SIP core and stops after it, so that its last writes are made. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1_000;
    }

    /**
     * Waits up to the linger for more items, unless one of the batch is waited for or it is full.
     * Parked, not waiting on the queue: an item nobody waits for does not wake the writer.
     */
    private void linger(List<T> batch) throws InterruptedException {
        if (lingerNanos <= 0 || anyWaitedFor(batch, 0)) {
            return;
        }
        long until = System.nanoTime() + lingerNanos;
        while (batch.size() < maxBatch && running) {
            long left = until - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(this, left);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            int from = batch.size();
            queue.drainTo(batch, maxBatch - batch.size());
            if (left <= 0 || anyWaitedFor(batch, from)) {
                return;
            }
        }
    }

    private boolean anyWaitedFor(List<T> batch, int from) {
        for (int i = from; i < batch.size(); i++) {
            if (waitedFor(batch.get(i))) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                linger(batch);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failed(batch, e);
            } finally {
                batch.clear();
            }
        }
    }
}
