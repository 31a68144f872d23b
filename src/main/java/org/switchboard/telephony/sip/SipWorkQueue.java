package org.switchboard.telephony.sip;

import java.time.Duration;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.telephony.sip.SipParser.BadMessageException;

/**
 * The bounded work between the sockets and the core, and its door. Received messages go to a fixed
 * pool of workers through two queues that together hold at most {@code capacity} messages, so memory
 * stays bounded whatever the offered load:
 * <ul>
 * <li><b>work begun</b> (responses, ACK, CANCEL, BYE and every request inside a dialog) is taken
 * first by every worker, and refused only when both queues together are full;</li>
 * <li><b>new work</b> (a request outside a dialog: an initial INVITE, REGISTER, OPTIONS) is taken when
 * no work begun waits. It is refused at the door with {@code 503 Service Unavailable} and
 * {@code Retry-After} while the core is behind, judged by how long work waits ({@link Admission}: a
 * standing wait above the target for a whole interval) and by how full the queues are (three
 * quarters). A request carrying credentials (the second half of a digest exchange, whose challenge
 * was paid for) is refused only when they are seven eighths full or it waited too long.</li>
 * </ul>
 * The door runs on the reading thread and decides from a few bytes ({@link Door}); a datagram is
 * parsed by the worker that takes it, so refusing costs far less than serving and the reading thread
 * keeps up with the socket.
 * <p>
 * Retransmissions of requests that opened a transaction never reach the core twice: one already
 * answered finally gets that answer again from the door, one still being worked on is dropped (its
 * answer comes; should it be lost, the next retransmission gets it from the door), one refused is
 * refused again, and the ACK of a refused INVITE ends at the door. A BYE (or another request
 * inside a dialog but an INVITE) answered already gets its answer again from the door. A new request that
 * waited longer than the stale wait is refused by the worker instead of handled. Messages that
 * cannot be read are answered {@code 400} or {@code 513} when there is enough of them.
 * <p>
 * Each message queued gives the workers one permit of a semaphore; a worker takes one before it looks
 * for work. (Waking the worker parked last instead, so the same warm threads do the work, cost the
 * reading thread more than it saved the workers: docs/telephony.md.)
 * <p>
 * Why this class is large: the door's decision for each kind of message, the workers' loop and the
 * counts an operator reads all share the two queues, their fill and the decided requests; split, each
 * part would reach into the others' state on the reading thread's path.
 */
final class SipWorkQueue {

    private static final Logger log = LoggerFactory.getLogger(SipWorkQueue.class);
    /** Defaults: the standing wait at which new work is refused, how long it must stand, when new work is too late. */
    static final Duration TARGET_WAIT = Duration.ofMillis(100);
    static final Duration INTERVAL = Duration.ofMillis(200);
    static final Duration STALE_WAIT = Duration.ofSeconds(1);

    /** A message waiting for a worker: the datagram's bytes to parse, or a message parsed already (TCP, TLS). */
    private record Work(byte[] raw, SipMessage parsed, Flow flow, String key, boolean isNew, long queued) {
    }

    private final Queue<Work> begun = new ConcurrentLinkedQueue<>();
    private final Queue<Work> fresh = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Semaphore waiting = new Semaphore(0);
    private final Thread[] workers;
    private volatile boolean running = true;
    private final SipTransport.Handler handler;
    private final BiConsumer<SipMessage, Flow> sender;
    private final BiConsumer<byte[], Flow> rawSender;
    private final String retryAfter;
    private final AtomicInteger shed = new AtomicInteger();
    private final LongAdder received = new LongAdder();
    private final int capacity;
    private final int newWorkLimit;
    private final int begunWorkLimit;
    private final long staleNanos;
    private final Admission admission;
    private final DecidedRequests decided = new DecidedRequests(65_536);

    /** With the default waits, and the door's own answers sent through {@code sender} (tests). */
    SipWorkQueue(int threads, int capacity, int retryAfterSeconds, SipTransport.Handler handler,
            BiConsumer<SipMessage, Flow> sender) {
        this(threads, capacity, retryAfterSeconds, TARGET_WAIT, INTERVAL, STALE_WAIT, handler, sender,
                (bytes, flow) -> {
                    try {
                        sender.accept(SipParser.parseDatagram(bytes, bytes.length), flow);
                    } catch (BadMessageException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    SipWorkQueue(int threads, int capacity, int retryAfterSeconds, Duration targetWait, Duration interval,
            Duration staleWait, SipTransport.Handler handler, BiConsumer<SipMessage, Flow> sender,
            BiConsumer<byte[], Flow> rawSender) {
        this.handler = handler;
        this.sender = sender;
        this.rawSender = rawSender;
        this.retryAfter = String.valueOf(retryAfterSeconds);
        this.capacity = Math.max(1, capacity);
        this.newWorkLimit = Math.max(1, capacity * 3 / 4);
        this.begunWorkLimit = Math.max(1, capacity * 7 / 8);
        this.staleNanos = staleWait.toNanos();
        this.admission = new Admission(targetWait.toNanos(), interval.toNanos());
        this.workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(this::work, "sip-worker-" + (i + 1));
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** A datagram as received (UDP): the door reads what it needs of the bytes; a worker parses what is let in. */
    void dispatch(byte[] data, int length, Flow flow) {
        received.increment();
        Door.Arrival a = Door.scan(data, length);
        if (a == null) { // unreadable even at the door: a worker reads it and answers 400 where it can
            int waiting = queued.get();
            if (waiting < newWorkLimit && admission.admitsNew(waiting == 0)) {
                enqueue(fresh, new Work(Arrays.copyOf(data, length), null, flow, null, true, System.nanoTime()));
            } else {
                shed.incrementAndGet();
            }
            return;
        }
        admit(a, flow, data, length, null);
    }

    /** A message read from a stream (TCP, TLS): the same door, the message parsed already. */
    void dispatch(SipMessage m, Flow flow) {
        received.increment();
        admit(Door.Arrival.of(m), flow, null, 0, m);
    }

    private void admit(Door.Arrival a, Flow flow, byte[] data, int length, SipMessage m) {
        String key = a.key();
        if (!a.opening()) {
            if ("ACK".equals(a.method()) && !a.inDialog() && decided.decision(key) == DecidedRequests.SHED) {
                return; // the ACK of a 503 from the door: nothing stands behind it
            }
            if (endsInDialog(a)) {
                Object before = decided.decision(key);
                if (before instanceof byte[] answer) {
                    rawSender.accept(answer, flow); // a BYE answered already: its answer again, from here
                    return;
                }
                if (before == null) {
                    decided.admitted(key); // its final answer is kept when it passes on its way back
                }
            }
            if (queued.get() >= capacity) { // even the room for work begun is used up
                refuse(flow, data, length, m, a.request() && !"ACK".equals(a.method()));
                return;
            }
            enqueue(begun, new Work(m == null ? Arrays.copyOf(data, length) : null, m, flow, key, false,
                    System.nanoTime()));
            return;
        }
        Object before = decided.decision(key);
        if (before instanceof byte[] answer) {
            rawSender.accept(answer, flow); // a retransmission of a request answered already
            return;
        }
        if (before == DecidedRequests.SHED) {
            refuse(flow, data, length, m, true); // refused again, even if there is room by now
            return;
        }
        if (before == DecidedRequests.ADMITTED) {
            // being worked on: dropped, its answer comes. Not answered 100 Trying here: that would stop
            // the phone's retransmissions, and with them the only way a lost final answer is sent again
            // (the core does not repeat its final answers on its own, RFC 3261 Timer G)
            return;
        }
        int waiting = queued.get();
        if (waiting >= (a.credentials() ? begunWorkLimit : newWorkLimit)
                || !a.credentials() && !admission.admitsNew(waiting == 0)) {
            decided.shed(key);
            refuse(flow, data, length, m, true);
            return;
        }
        decided.admitted(key); // before it is handed over: its answer may be sent at once
        enqueue(fresh, new Work(m == null ? Arrays.copyOf(data, length) : null, m, flow, key, true, System.nanoTime()));
    }

    /**
     * A request inside a dialog whose answer the door keeps for its retransmissions (a BYE, an
     * UPDATE, INFO...; not an ACK, which has none, nor a re-INVITE). The core relays a BYE to the other
     * phone, which forgets the call once it has answered: without this, a 200 lost on its way back
     * (a full receive buffer at the phone) leaves the BYE unanswered for good, the call lost half-way.
     */
    private static boolean endsInDialog(Door.Arrival a) {
        return a.request() && a.inDialog() && !"ACK".equals(a.method()) && !"INVITE".equals(a.method())
                && !"CANCEL".equals(a.method());
    }

    private void enqueue(Queue<Work> queue, Work w) {
        queued.incrementAndGet();
        queue.add(w);
        waiting.release();
    }

    /** A worker: work begun first, then new work; each message's wait tells the admission how far behind the core is. */
    private void work() {
        while (running) {
            try {
                waiting.acquire();
            } catch (InterruptedException e) {
                continue; // shut down (the loop ends), or an interrupt the code it ran left set: not work
            }
            Work w = begun.poll();
            if (w == null) {
                w = fresh.poll();
            }
            if (w == null) {
                continue;
            }
            queued.decrementAndGet();
            long now = System.nanoTime();
            long waited = now - w.queued();
            admission.taken(waited, now, w.isNew() || fresh.isEmpty());
            if (w.isNew() && waited > staleNanos) {
                decided.shedLate(w.key()); // its phone has retransmitted by now; so are its retransmissions
                refuse(w.flow(), w.raw(), w.raw() == null ? 0 : w.raw().length, w.parsed(), true);
                continue;
            }
            SipMessage m = w.parsed();
            if (m == null) {
                try {
                    m = SipParser.parseDatagram(w.raw(), w.raw().length);
                } catch (BadMessageException e) {
                    refuse(e, w.flow(), w.raw().length > SipParser.MAX_MESSAGE ? 513 : 400);
                    continue;
                }
                if (log.isTraceEnabled()) {
                    log.trace("from {}:\n{}", w.flow(), m);
                }
            }
            handle(m, w.flow());
        }
    }

    /** A response on its way out ({@code bytes} as sent): the final answer to a request let in is kept for its retransmissions. */
    void sent(SipMessage response, byte[] bytes) {
        decided.answered(response, bytes);
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

    /** Answers 503 with Retry-After (from the bytes when there are any), or drops what cannot be answered. */
    private void refuse(Flow flow, byte[] data, int length, SipMessage m, boolean answer) {
        shed.incrementAndGet();
        if (!answer) {
            return;
        }
        if (m != null) {
            if (answerable(m)) {
                sender.accept(SipMessage.responseTo(m, 503, "Service Unavailable").add("Retry-After", retryAfter), flow);
            }
        } else if (data != null) {
            byte[] busy = Door.reply(data, length, 503, "Service Unavailable", "Retry-After: " + retryAfter);
            if (busy != null) {
                rawSender.accept(busy, flow);
            }
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

    /** Messages shed (requests answered 503, others dropped), since start. */
    int shed() {
        return shed.get();
    }

    /** Messages that reached the door, since start. */
    long received() {
        return received.sum();
    }

    /** Messages waiting for a worker now. */
    int waiting() {
        return queued.get();
    }

    /** Whether new requests are refused now because work waits too long. */
    boolean refusingNewWork() {
        return admission.refusing();
    }

    void shutdown() {
        running = false;
        for (Thread t : workers) {
            t.interrupt(); // a waiting worker wakes and sees it stopped
        }
    }
}
