package org.switchboard.telephony.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * Those that {@link #mayStay may stay} ride along only once they are a linger old, and otherwise
 * stay queued for a later commit, so that what comes after them for the same key (a call's end
 * after its start) may be written with them in one row.
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
            LockSupport.unpark(t); // a lingering writer writes what it holds now
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
     * Whether this item, nobody waiting for it, may stay queued past a commit somebody waits for,
     * for the rest of its linger: so that it may be written together with what comes after it
     * (a call's start with its end). Never when an item of the same {@link #key} is written now.
     */
    boolean mayStay(T item) {
        return false;
    }

    /** The items that belong together: an item that stays keeps the later ones of its key from going first. */
    Object key(T item) {
        return item;
    }

    /**
     * Waits up to {@code until} for more items, unless one of the batch is waited for or it is full.
     * Parked, not waiting on the queue: an item nobody waits for does not wake the writer.
     */
    private void linger(List<T> batch, long[] seen, long until) throws InterruptedException {
        if (lingerNanos <= 0 || anyWaitedFor(batch, 0)) {
            return;
        }
        while (batch.size() < maxBatch && running) {
            long left = until - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(this, left);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            int from = batch.size();
            drain(batch, seen);
            if (left <= 0 || anyWaitedFor(batch, from)) {
                return;
            }
        }
    }

    private void drain(List<T> batch, long[] seen) {
        int from = batch.size();
        queue.drainTo(batch, maxBatch - from);
        long now = System.nanoTime();
        for (int i = from; i < batch.size(); i++) {
            seen[i] = now;
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

    /**
     * Moves out of the batch, into {@code stay}, the items that may wait for a later commit: only
     * when the batch goes because somebody waits for one of its items (not at the end of a linger,
     * which writes everything: items nobody waits for cost one commit per linger at most), not when
     * the batch is full or the writer stops; and only items queued less than a linger ago, that may
     * stay, and of a key none of the batch's written items has.
     */
    private void split(List<T> batch, long[] seen, List<T> stay, long[] staySeen) {
        if (!running || batch.size() >= maxBatch || !anyWaitedFor(batch, 0)) {
            return;
        }
        long now = System.nanoTime();
        Set<Object> written = new HashSet<>();
        for (T item : batch) {
            if (waitedFor(item)) {
                written.add(key(item));
            }
        }
        int kept = 0;
        for (int i = 0; i < batch.size(); i++) {
            T item = batch.get(i);
            Object key = key(item);
            boolean young = now - seen[i] < lingerNanos;
            if (young && mayStay(item) && !written.contains(key)) {
                staySeen[stay.size()] = seen[i];
                stay.add(item);
            } else {
                written.add(key); // what comes later for this key is written now too, in its order
                seen[kept] = seen[i];
                batch.set(kept++, item);
            }
        }
        batch.subList(kept, batch.size()).clear();
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        long[] seen = new long[maxBatch];
        List<T> stay = new ArrayList<>(maxBatch);
        long[] staySeen = new long[maxBatch];
        while (running || !queue.isEmpty() || !stay.isEmpty()) {
            try {
                for (int i = 0; i < stay.size(); i++) {
                    seen[i] = staySeen[i];
                }
                batch.addAll(stay);
                stay.clear();
                if (batch.isEmpty()) {
                    T first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    seen[0] = System.nanoTime();
                }
                drain(batch, seen);
                linger(batch, seen, seen[0] + lingerNanos);
                split(batch, seen, stay, staySeen);
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
