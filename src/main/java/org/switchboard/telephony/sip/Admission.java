package org.switchboard.telephony.sip;

/**
 * Whether the core takes new work, judged by how long work waits before a worker takes it (its
 * sojourn time), as CoDel judges a queue: waits above {@code target} for a whole {@code interval}
 * mean a standing queue, the core is behind, and new work is refused at the door until a wait falls
 * below the target again (or nothing new is waiting). A burst that a moment's waiting absorbs is not
 * refused; a queue that stays is. Work begun (answers, ACK, BYE, in-dialog requests) is never judged
 * here: it goes first and is refused only when the queue is full.
 * <p>
 * New work carrying credentials (the second half of a digest exchange, whose challenge was paid for
 * already) is not judged here either: each is the consequence of a request let in, so refusing the
 * first halves bounds them, and refusing them would waste the work done (a first version refused
 * them from four times the target, and refused thousands of authenticated INVITEs a run).
 * Plain Java with the time passed in, so the decision is tested without a network or a clock.
 */
final class Admission {

    /** One level: the time waits first went above its target, plus the interval; 0 while below. */
    private static final class Level {
        final long target;
        long aboveUntil;
        volatile boolean refusing;

        Level(long target) {
            this.target = target;
        }

        void observe(long sojournNanos, long now, long interval, boolean newServed) {
            if (sojournNanos > target) {
                if (aboveUntil == 0) {
                    aboveUntil = now + interval;
                } else if (now - aboveUntil >= 0) {
                    refusing = true;
                }
            } else if (newServed) {
                aboveUntil = 0;
                refusing = false;
            }
        }
    }

    private final long interval;
    private final Level plain;

    /** @param targetNanos the longest standing wait for new work; @param intervalNanos how long it must stand */
    Admission(long targetNanos, long intervalNanos) {
        this.interval = intervalNanos;
        this.plain = new Level(targetNanos);
    }

    /**
     * Whether a new request without credentials is let in now; {@code nothingWaits} when no message
     * waits for a worker. An empty queue ends the refusing (as CoDel leaves its dropping state): no
     * work stands, and without work taken no wait would ever end it (REGISTERs alone are all new work).
     */
    boolean admitsNew(boolean nothingWaits) {
        if (plain.refusing && nothingWaits) {
            synchronized (this) {
                plain.aboveUntil = 0;
                plain.refusing = false;
            }
        }
        return !plain.refusing;
    }

    /**
     * A worker took a message that waited {@code sojournNanos}. A wait above the target counts
     * whatever the message; a wait below it ends the refusing only when it shows that new work is
     * served in time again ({@code newServed}: the message was a new request, or none is waiting):
     * work begun goes first, so its waits are short even while new work stands in the queue.
     */
    synchronized void taken(long sojournNanos, long now, boolean newServed) {
        plain.observe(sojournNanos, now, interval, newServed);
    }

    /** Whether new requests without credentials are refused now (for the tests). */
    boolean refusing() {
        return plain.refusing;
    }
}
