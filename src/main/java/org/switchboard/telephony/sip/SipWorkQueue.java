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
 * workers through a queue of fixed size. When the queue is full a request is answered
 * {@code 503 Service Unavailable} with {@code Retry-After} at once (an ACK or a response is
 * dropped: the sender retransmits), so memory stays bounded whatever the offered load.
 * Messages that cannot be read are answered {@code 400} or {@code 513} when there is enough of them.
 */
final class SipWorkQueue {

    private static final Logger log = LoggerFactory.getLogger(SipWorkQueue.class);

    private final ThreadPoolExecutor workers;
    private final SipTransport.Handler handler;
    private final BiConsumer<SipMessage, Flow> sender;
    private final int retryAfterSeconds;
    private final AtomicInteger shed = new AtomicInteger();

    SipWorkQueue(int threads, int capacity, int retryAfterSeconds, SipTransport.Handler handler,
            BiConsumer<SipMessage, Flow> sender) {
        this.handler = handler;
        this.sender = sender;
        this.retryAfterSeconds = retryAfterSeconds;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(capacity), r -> {
                    Thread t = new Thread(r, "sip-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Hands a well-formed message to the core, or sheds it with 503 when the queue is full. */
    void dispatch(SipMessage m, Flow flow) {
        try {
            workers.execute(() -> handle(m, flow));
        } catch (RejectedExecutionException e) {
            busy(m, flow);
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

    /** Requests answered 503 because the queue was full, since start. */
    int shed() {
        return shed.get();
    }

    void shutdown() {
        workers.shutdownNow();
    }
}
