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
 * Overload is shed at the door, before a call takes a licence or a REGISTER costs a digest check:
 * a request that would open a new transaction (an INVITE or REGISTER outside a dialog) is answered
 * {@code 503 Service Unavailable} with {@code Retry-After} once the queue is three quarters full or
 * its messages wait longer than 200 ms (below SIP's T1, so that what is taken is answered before the
 * phone retransmits). Such a request carrying credentials (the second half of a digest exchange,
 * whose first half was already paid for) is let in until the queue is seven eighths full or the wait
 * 400 ms, so that work begun is finished rather than wasted. The rest of the queue is kept for what
 * finishes the calls already let in (responses, ACK, CANCEL, BYE and other in-dialog requests).
 * <p>
 * Retransmissions of requests that opened a transaction never reach the core twice: one already
 * answered finally gets that answer again from here, one still being worked on is dropped (an
 * INVITE's is let through while there is room, for its 100 Trying), one shed is shed again. A
 * request let in that then waited in the queue longer than a second is shed by the worker instead
 * of handled: its phone has retransmitted twice and the work would come too late to help. Messages
 * that cannot be read are answered {@code 400} or {@code 513} when there is enough of them.
 */
final class SipWorkQueue {

    private static final Logger log = LoggerFactory.getLogger(SipWorkQueue.class);
    /** Longest wait in the queue at which new work is still taken: well below SIP's T1 (500 ms). */
    static final long MAX_WAIT_NANOS = 200_000_000L;
    /** Longest wait in the queue after which work let in is shed by the worker instead of done. */
    static final long STALE_NANOS = 1_000_000_000L;

    private final ThreadPoolExecutor workers;
    private final SipTransport.Handler handler;
    private final BiConsumer<SipMessage, Flow> sender;
    private final int retryAfterSeconds;
    private final AtomicInteger shed = new AtomicInteger();
    /** How long the last message handled waited in the queue. */
    private volatile long lastWaitNanos;
    private final int newWorkLimit;
    private final int begunWorkLimit;
    private final DecidedRequests decided = new DecidedRequests(16_384);

    SipWorkQueue(int threads, int capacity, int retryAfterSeconds, SipTransport.Handler handler,
            BiConsumer<SipMessage, Flow> sender) {
        this.handler = handler;
        this.sender = sender;
        this.retryAfterSeconds = retryAfterSeconds;
        this.newWorkLimit = Math.max(1, capacity * 3 / 4);
        this.begunWorkLimit = Math.max(1, capacity * 7 / 8);
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
        Object before = opening ? decided.decision(m) : null;
        if (before instanceof SipMessage answer) {
            sender.accept(answer, flow); // a retransmission of a request answered already
            return;
        }
        if (before == DecidedRequests.ADMITTED && !"INVITE".equals(m.method())) {
            return; // a retransmission of a request being worked on: the answer comes
        }
        boolean retransmission = before == DecidedRequests.ADMITTED;
        if (before == DecidedRequests.SHED) {
            busy(m, flow); // shed again
            return;
        }
        if (retransmission ? overloaded(false) : opening && overloaded(hasCredentials(m))) {
            if (!retransmission) {
                decided.shed(m);
                busy(m, flow);
            }
            return;
        }
        if (opening && !retransmission) {
            decided.admitted(m); // before it is handed over: its answer may be sent at once
        }
        long queued = System.nanoTime();
        try {
            workers.execute(() -> {
                long waited = System.nanoTime() - queued;
                lastWaitNanos = waited;
                if (retransmission && decided.decision(m) == DecidedRequests.SHED
                        || opening && !retransmission && waited > STALE_NANOS) {
                    decided.shedLate(m); // its first copy was shed late: so is this one
                    busy(m, flow);
                    return;
                }
                handle(m, flow);
            });
        } catch (RejectedExecutionException e) {
            if (!retransmission) {
                if (opening) {
                    decided.shedLate(m);
                }
                busy(m, flow);
            }
        }
    }

    /** A response on its way out: the final answer to a request let in is kept for its retransmissions. */
    void sent(SipMessage response) {
        decided.answered(response);
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
     * late only adds retransmissions to the load); for work begun, seven eighths and twice the wait.
     */
    private boolean overloaded(boolean begun) {
        int size = workers.getQueue().size();
        return size >= (begun ? begunWorkLimit : newWorkLimit)
                || size > 0 && lastWaitNanos > (begun ? 2 * MAX_WAIT_NANOS : MAX_WAIT_NANOS);
    }

    /** The second half of a digest exchange: the first was answered with a challenge already. */
    private static boolean hasCredentials(SipMessage m) {
        return m.headerOrNull("Authorization") != null || m.headerOrNull("Proxy-Authorization") != null;
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
