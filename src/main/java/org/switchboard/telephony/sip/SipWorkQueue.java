package org.switchboard.telephony.sip;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.telephony.sip.SipParser.BadMessageException;

/**
 * The bounded work between the sockets and the core: received messages go to a fixed pool of
 * workers through a queue of fixed size, so memory stays bounded whatever the offered load.
 * Overload is shed at the door, before a call takes a licence: a request that would open a new
 * transaction (an INVITE or REGISTER outside a dialog) is answered {@code 503 Service Unavailable}
 * with {@code Retry-After} once the queue is three quarters full or its messages wait longer than
 * 200 ms (below SIP's T1, so that what is taken is answered before the phone retransmits). The
 * rest of the queue is kept for
 * what finishes the calls already let in (responses, ACK, CANCEL, BYE and other in-dialog
 * requests, and retransmissions of requests already let in, which are never answered 503 but
 * dropped when even that room is gone: their sender retransmits). A retransmission of a request
 * that was shed is shed again, so the core never sets up a call whose caller was told 503. Messages that cannot be read are
 * answered {@code 400} or {@code 513} when there is enough of them.
 */
final class SipWorkQueue {

    private static final Logger log = LoggerFactory.getLogger(SipWorkQueue.class);
    /** Longest wait in the queue at which new work is still taken: well below SIP's T1 (500 ms). */
    static final long MAX_WAIT_NANOS = 200_000_000L;

    private final ThreadPoolExecutor workers;
    private final SipTransport.Handler handler;
    private final BiConsumer<SipMessage, Flow> sender;
    private final int retryAfterSeconds;
    private final AtomicInteger shed = new AtomicInteger();
    /** How long the last message handled waited in the queue. */
    private volatile long lastWaitNanos;
    private final int newWorkLimit;
    private final DecidedRequests decided = new DecidedRequests(16_384);

    SipWorkQueue(int threads, int capacity, int retryAfterSeconds, SipTransport.Handler handler,
            BiConsumer<SipMessage, Flow> sender) {
        this.handler = handler;
        this.sender = sender;
        this.retryAfterSeconds = retryAfterSeconds;
        this.newWorkLimit = Math.max(1, capacity * 3 / 4);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(capacity), r -> {
                    Thread t = new Thread(r, "sip-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Hands a well-formed message to the core, or sheds it (see the class). */
    void dispatch(SipMessage m, Flow flow) {
        boolean opening = opensTransaction(m);
        Boolean before = opening ? decided.decision(m) : null;
        if (Boolean.FALSE.equals(before) || opening && before == null && overloaded()) {
            if (opening) {
                decided.shed(m);
            }
            busy(m, flow);
            return;
        }
        long queued = System.nanoTime();
        try {
            workers.execute(() -> {
                lastWaitNanos = System.nanoTime() - queued;
                handle(m, flow);
            });
        } catch (RejectedExecutionException e) {
            if (before == null) {
                if (opening) {
                    decided.shed(m);
                }
                busy(m, flow);
            }
            return;
        }
        if (opening && before == null) {
            decided.admitted(m);
        }
    }

    private void handle(SipMessage m, Flow flow) {
        try {
            handler.received(m, flow);
        } catch (RuntimeException e) {
            log.warn("SIP {} from {} failed", m.isRequest() ? m.method() : m.status(), flow, e);
            if (answerable(m)) {
                sender.accept(SipMessage.responseTo(m, 500, "Server Internal Error"), flow);
            }
        }
    }

    private void busy(SipMessage m, Flow flow) {
        shed.incrementAndGet();
        if (answerable(m)) {
            SipMessage busy = SipMessage.responseTo(m, 503, "Service Unavailable");
            busy.add("Retry-After", String.valueOf(retryAfterSeconds));
            sender.accept(busy, flow);
        }
    }

    /**
     * Too much to take new work: the queue three quarters full, or messages waiting longer than
     * {@link #MAX_WAIT_NANOS} while it is not empty (a phone retransmits after 500 ms, and answering
     * late only adds retransmissions to the load).
     */
    private boolean overloaded() {
        int size = workers.getQueue().size();
        return size >= newWorkLimit || size > 0 && lastWaitNanos > MAX_WAIT_NANOS;
    }

    /** A request outside a dialog that starts something new: what overload sheds first. */
    private static boolean opensTransaction(SipMessage m) {
        if (!m.isRequest() || "ACK".equals(m.method()) || "CANCEL".equals(m.method())) {
            return false;
        }
        String to = m.headerOrNull("To");
        return to == null || !to.toLowerCase(java.util.Locale.ROOT).contains(";tag=");
    }

    /** Answers a message that could not be read, when what was read of it names where to answer. */
    void refuse(BadMessageException e, Flow flow, int status) {
        SipMessage partial = e.partial();
        if (partial != null && answerable(partial) && partial.header("Via").isPresent() && partial.callId() != null) {
            SipMessage r = SipMessage.responseTo(partial, status, status == 513 ? "Message Too Large" : "Bad Request");
            r.add("Warning", "399 - \"" + e.getMessage() + "\"");
            sender.accept(r, flow);
        }
        log.debug("malformed SIP from {}: {}", flow, e.getMessage());
    }

    private static boolean answerable(SipMessage m) {
        return m.isRequest() && !"ACK".equals(m.method());
    }

    /** Messages shed (requests answered 503, others dropped) because the queue was full, since start. */
    int shed() {
        return shed.get();
    }

    void shutdown() {
        workers.shutdownNow();
    }
}
