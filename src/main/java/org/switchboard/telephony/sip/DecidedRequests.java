package org.switchboard.telephony.sip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What was decided for the last requests that opened a transaction, by their top Via's branch and
 * method, a fixed number of them: let in, shed with 503, or answered finally (and with what). A
 * retransmission gets the same decision as its first copy: one let in is never answered 503 (the
 * core is working on it, and a 503 would make the phone give up a call the core sets up); one shed
 * is shed again, even when the queue has room by then (else the core would set up a call its
 * caller has given up); one answered gets the same final answer again at the door, without work
 * (RFC 3261 17.2: a server transaction absorbs retransmissions). Fixed size, so its memory does not
 * grow with the load.
 */
final class DecidedRequests {

    /** Let in and not answered finally yet. */
    static final Object ADMITTED = "admitted";
    /** Shed with 503. */
    static final Object SHED = "shed";

    private final String[] ring;
    private final Map<String, Object> decisions = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();

    DecidedRequests(int size) {
        this.ring = new String[size];
    }

    /** A request let in; {@code key} is {@link Door.Arrival#key()}. */
    void admitted(String key) {
        remember(key, ADMITTED);
    }

    void shed(String key) {
        remember(key, SHED);
    }

    /**
     * A response sent ({@code bytes} as sent): when it is the final answer to a request let in, kept
     * for that request's retransmissions, to be sent again as it is.
     */
    void answered(SipMessage response, byte[] bytes) {
        if (response.status() < 200) {
            return;
        }
        Via via = response.topVia();
        String method = response.cseqMethod();
        if (via != null && via.branch() != null && method != null) {
            decisions.computeIfPresent(via.branch() + " " + method, (k, before) -> before == SHED ? SHED : bytes);
        }
    }

    /** {@link #ADMITTED}, {@link #SHED}, the final answer given (its bytes), or {@code null}: not seen or forgotten. */
    Object decision(String key) {
        return key == null ? null : decisions.get(key);
    }

    /** Shed after all (it waited too long to be worth the work): its retransmissions are shed too. */
    void shedLate(String key) {
        if (key != null) {
            decisions.computeIfPresent(key, (k, before) -> SHED);
        }
    }

    private void remember(String key, Object decision) {
        if (key == null || decisions.put(key, decision) != null) {
            return;
        }
        int at = (int) (next.getAndIncrement() % ring.length);
        String old;
        synchronized (ring) {
            old = ring[at];
            ring[at] = key;
        }
        if (old != null) {
            decisions.remove(old);
        }
    }
}
