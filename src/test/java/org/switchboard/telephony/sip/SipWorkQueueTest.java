package org.switchboard.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.telephony.sip.Flow.Transport;

/**
 * The work queue's transaction rules without a network: a retransmitted REGISTER never reaches the
 * core twice (a digest nonce counted twice would be refused as replayed, and its failures ban the
 * phone), is answered again with the answer given, and new work is shed with 503 before any of it
 * is done while the workers are busy.
 */
class SipWorkQueueTest {

    private final Flow phone = new Flow(Transport.UDP, new InetSocketAddress("127.0.0.1", 5070));
    private final List<SipMessage> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();
    private SipWorkQueue queue;

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.shutdown();
        }
    }

    @Test
    void aRetransmittedRegisterIsHandledOnceAndGetsTheSameAnswerAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        queue = new SipWorkQueue(2, 100, 5, (m, from) -> {
            handled.incrementAndGet();
            await(release);
            SipMessage ok = SipMessage.responseTo(m, 200, "OK");
            queue.sent(ok);
            sent.add(ok);
        }, (m, flow) -> sent.add(m));

        queue.dispatch(register("z9hG4bK-1"), phone);
        queue.dispatch(register("z9hG4bK-1"), phone); // retransmitted while the core works on it: dropped
        release.countDown();
        awaitSent(1);
        queue.dispatch(register("z9hG4bK-1"), phone); // retransmitted after the answer: the answer again

        awaitSent(2);
        assertThat(handled).hasValue(1);
        assertThat(sent).extracting(SipMessage::status).containsExactly(200, 200);
    }

    @Test
    void whenTheWorkersAreBusyNewRequestsAreShedWith503AndTheirRetransmissionsToo() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        queue = new SipWorkQueue(1, 4, 7, (m, from) -> {
            handled.incrementAndGet();
            await(release);
        }, (m, flow) -> sent.add(m));

        for (int i = 0; i < 10; i++) {
            queue.dispatch(register("z9hG4bK-" + i), phone);
        }
        queue.dispatch(register("z9hG4bK-9"), phone);
        release.countDown();
        Thread.sleep(300);

        // one at work, three queued (three quarters of four), the other six shed, and the retransmission of a shed one
        assertThat(sent).extracting(SipMessage::status).containsOnly(503).hasSize(7);
        assertThat(sent.get(0).headerOrNull("Retry-After")).isEqualTo("7");
        assertThat(handled).hasValue(4);
    }

    private void awaitSent(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sent.size() < n && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SipMessage register(String branch) throws SipParser.BadMessageException {
        byte[] b = ("REGISTER sip:acme.sip.example SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "From: <sip:100@acme.sip.example>;tag=a\r\n"
                + "To: <sip:100@acme.sip.example>\r\n"
                + "Call-ID: reg-" + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Contact: <sip:100@127.0.0.1:5070>\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return SipParser.parseDatagram(b, b.length);
    }
}
