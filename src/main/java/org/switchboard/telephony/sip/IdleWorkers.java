package org.switchboard.telephony.sip;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The parked SIP workers of a {@link SipWorkQueue}, by index, the last parked on top: woken in that
 * order, the same few threads (their stacks and caches still warm) do the work while it comes a
 * message at a time. A worker is in it once at most.
 */
final class IdleWorkers {

    private final Thread[] workers;
    private final int[] stack;
    private final boolean[] parked;
    private int size;

    /** For these workers, each known by its index in the array (filled before the workers start). */
    IdleWorkers(Thread[] workers) {
        this.workers = workers;
        stack = new int[workers.length];
        parked = new boolean[workers.length];
    }

    /** Wakes the worker parked last, if any is parked. */
    void wakeOne() {
        int index = pop();
        if (index >= 0) {
            LockSupport.unpark(workers[index]);
        }
    }

    /**
     * Parks worker {@code index} (the calling thread) until woken, unless {@code wake} (work waiting,
     * or shut down) holds once it is on the stack: what arrives meanwhile finds it there and wakes it.
     */
    void park(int index, BooleanSupplier wake) {
        push(index);
        if (wake.getAsBoolean()) { // arrived meanwhile: not parked after all
            if (!remove(index)) {
                LockSupport.park(this); // being woken already: takes the permit given
            }
            return;
        }
        LockSupport.park(this);
        remove(index); // woken by unpark (popped already), by shutdown, or spuriously
        Thread.interrupted(); // an interrupt is not work: parking again must not return at once
    }

    private synchronized void push(int index) {
        if (!parked[index]) {
            parked[index] = true;
            stack[size++] = index;
        }
    }

    /** The worker parked last, taken off; -1 when none is parked. */
    private synchronized int pop() {
        while (size > 0) {
            int index = stack[--size];
            if (parked[index]) {
                parked[index] = false;
                return index;
            }
        }
        return -1;
    }

    /** Takes the worker off if it is still there; false when it was popped already (it is being woken). */
    private synchronized boolean remove(int index) {
        if (!parked[index]) {
            return false;
        }
        parked[index] = false;
        for (int i = size - 1; i >= 0; i--) {
            if (stack[i] == index) {
                System.arraycopy(stack, i + 1, stack, i, size - i - 1);
                size--;
                break;
            }
        }
        return true;
    }
}
