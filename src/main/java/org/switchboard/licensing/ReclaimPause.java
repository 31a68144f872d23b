package org.switchboard.licensing;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Holds the scheduled reclaim of stale licences back while a caller plays phone systems that
 * report no heartbeats (the simulated business): with the clock moved by half hours, every desktop
 * session would look silent and be reclaimed at whatever moment the job happened to run, so the
 * same world would play differently from run to run. A reclaim asked for directly still runs.
 */
@Component
public class ReclaimPause {

    private final AtomicInteger holders = new AtomicInteger();

    /** Pauses the scheduled reclaim until the returned handle is closed (pauses may overlap). */
    public Held hold() {
        holders.incrementAndGet();
        return new Held(holders);
    }

    /** Whether the scheduled reclaim is held back now. */
    public boolean paused() {
        return holders.get() > 0;
    }

    /** One pause; closing it twice releases it once. */
    public static final class Held implements AutoCloseable {

        private final AtomicInteger holders;
        private boolean closed;

        private Held(AtomicInteger holders) {
            this.holders = holders;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                holders.decrementAndGet();
            }
        }
    }
}
