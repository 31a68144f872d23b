package org.switchboard.telephony.sip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What was decided for the last requests that opened a transaction, by their top Via's branch and
 * method, a fixed number of them: let in, or shed with 503. A retransmission gets the same
 * decision as its first copy: one let in is never answered 503 (the core is working on it, and a
 * 503 would make the phone give up a call the core sets up); one shed is shed again, even when
 * the queue has room by then (else the core would set up a call its caller has given up). Fixed
 * size, so its memory does not grow with the load.
 */
final class DecidedRequests {

    private final String[] ring;
    private final Map<String, Boolean> decisions = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();

    DecidedRequests(int size) {
        this.ring = new String[size];
    }

    void admitted(SipMessage request) {
        remember(request, true);
    }

    void shed(SipMessage request) {
        remember(request, false);
    }

    /** {@code TRUE} let in, {@code FALSE} shed, {@code null} not seen (or forgotten). */
    Boolean decision(SipMessage request) {
        String key = key(request);
        return key == null ? null : decisions.get(key);
    }

    private void remember(SipMessage request, boolean admitted) {
        String key = key(request);
        if (key == null || decisions.put(key, admitted) != null) {
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

    private static String key(SipMessage request) {
        Via via = request.topVia();
        return via == null || via.branch() == null ? null : via.branch() + " " + request.method();
    }
}
