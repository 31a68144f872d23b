package org.switchboard.telephony.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * Group commit of the SIP core's writes: callers queue items, one writer thread takes what has
 * queued up (up to a batch) and hands it to {@link #write} as one batch. Started before the SIP core
 * and stopped after it; what is still queued at the stop is written before the stop returns.
 */
abstract class GroupCommit<T> implements SmartLifecycle {

    private final String threadName;
    private final int maxBatch;
    private final BlockingQueue<T> queue = new ArrayBlockingQueue<>(100_000);
    private volatile boolean running;
    private Thread thread;

    GroupCommit(String threadName, int maxBatch) {
        this.threadName = threadName;
        this.maxBatch = maxBatch;
    }

    /** Writes one batch; called on the writer thread, and at the stop for what is left. */
    abstract void write(List<T> batch);

    /** A batch whose write threw. */
    abstract void failed(List<T> batch, RuntimeException e);

    /** Queues an item; false when not running or the queue is full. */
    boolean offer(T item) {
        return running && queue.offer(item);
    }

    /** Queues an item, waiting while the queue is full. */
    void put(T item) throws InterruptedException {
        queue.put(item);
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
