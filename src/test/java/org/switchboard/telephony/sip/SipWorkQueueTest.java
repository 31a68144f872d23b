package org.switchboard.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * core twice while its answer is kept (a digest nonce counted twice is challenged again, a round trip
 * more for the phone), is answered again with the answer given, and new work is shed with 503 before
 * any of it is done while the workers are busy.
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
            queue.sent(ok, ok.encode());
            sent.add(ok);
        }, (m, flow) -> sent.add(m));

        arrive(register("z9hG4bK-1"));
        arrive(register("z9hG4bK-1")); // retransmitted while the core works on it: dropped
        release.countDown();
        awaitSent(1);
        arrive(register("z9hG4bK-1")); // retransmitted after the answer: the answer again

        awaitSent(2);
        assertThat(handled).hasValue(1);
        assertThat(sent).extracting(SipMessage::status).containsExactly(200, 200);
    }

    @Test
    void aByeAnsweredAlreadyGetsItsAnswerAgainFromTheDoorNotFromThePhoneThatForgotTheCall() throws Exception {
        queue = new SipWorkQueue(2, 100, 5, (m, from) -> {
            handled.incrementAndGet();
            SipMessage ok = SipMessage.responseTo(m, 200, "OK"); // as relayed back from the other phone
            queue.sent(ok, ok.encode());
            sent.add(ok);
        }, (m, flow) -> sent.add(m));

        arrive(bye("z9hG4bK-9"));
        awaitSent(1);
        arrive(bye("z9hG4bK-9")); // the 200 was lost on its way: the phone retransmits
        awaitSent(2);

        assertThat(handled).as("relayed once").hasValue(1);
        assertThat(sent).extracting(SipMessage::status).containsExactly(200, 200);
        assertThat(sent.get(1).cseqMethod()).isEqualTo("BYE");
    }

    @Test
    void whenTheWorkersAreBusyNewRequestsAreShedWith503AndTheirRetransmissionsToo() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        queue = new SipWorkQueue(1, 4, 7, (m, from) -> {
            handled.incrementAndGet();
            await(release);
        }, (m, flow) -> sent.add(m));

        arrive(register("z9hG4bK-0"));
        awaitHandled(1);
        for (int i = 1; i < 10; i++) {
            arrive(register("z9hG4bK-" + i));
        }
        arrive(register("z9hG4bK-9"));
        release.countDown();
        Thread.sleep(300);

        // one at work, three queued (three quarters of four), the other six shed, and the retransmission of a shed one
        assertThat(sent).extracting(SipMessage::status).containsOnly(503).hasSize(7);
        assertThat(sent.get(0).headerOrNull("Retry-After")).isEqualTo("7");
        assertThat(sent.get(0).callId()).isEqualTo("reg-z9hG4bK-4@127.0.0.1");
        assertThat(handled).hasValue(4);
    }

    @Test
    void workBegunIsTakenBeforeNewWorkThatArrivedEarlier() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        queue = new SipWorkQueue(1, 100, 5, (m, from) -> {
            order.add(m.method());
            await(release);
        }, (m, flow) -> sent.add(m));

        arrive(register("z9hG4bK-0"));
        while (order.isEmpty()) {
            Thread.sleep(5);
        }
        arrive(register("z9hG4bK-1"));
        arrive(invite("z9hG4bK-2", false));
        arrive(bye("z9hG4bK-3"));
        release.countDown();
        while (order.size() < 4) {
            Thread.sleep(5);
        }

        assertThat(order).containsExactly("REGISTER", "BYE", "REGISTER", "INVITE");
        assertThat(sent).isEmpty();
    }

    @Test
    void whileNewWorkWaitsAboveTheTargetNewRequestsAreRefusedAtTheDoorAndByesStillGoThrough() throws Exception {
        List<String> handledMethods = new CopyOnWriteArrayList<>();
        queue = new SipWorkQueue(1, 1000, 5, Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofSeconds(5),
                (m, from) -> {
                    handledMethods.add(m.method());
                    sleep(10); // the core takes 10 ms a message: 100 a second
                }, (m, flow) -> sent.add(m), (bytes, flow) -> sent.add(parse(bytes)));

        // 300 new requests a second for a second, three times what the core serves
        for (int i = 0; i < 300; i++) {
            arrive(invite("z9hG4bK-n" + i, false));
            if (i % 30 == 29) {
                arrive(bye("z9hG4bK-b" + i));
            }
            sleep(3);
        }
        Thread.sleep(1500);

        long refused = sent.stream().filter(m -> m.status() == 503).count();
        assertThat(refused).as("new requests refused with 503").isGreaterThan(50);
        assertThat(sent).allMatch(m -> m.status() == 503 && "INVITE".equals(m.cseqMethod()));
        assertThat(handledMethods).as("every BYE handled, none refused").filteredOn("BYE"::equals).hasSize(10);
        assertThat(handledMethods).filteredOn("INVITE"::equals).hasSize((int) (300 - refused));
        // while refusing, the queue stays short: no new request let in waited anywhere near the stale wait
        assertThat(handledMethods.size()).isEqualTo(10 + 300 - (int) refused);
    }

    @Test
    void aRetransmittedInviteBeingWorkedOnIsDroppedThenGetsTheAnswerGivenAndTheAckOfARefusedOneEndsAtTheDoor()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        queue = new SipWorkQueue(1, 4, 5, (m, from) -> {
            handled.incrementAndGet();
            await(release);
            if (m.headerOrNull("Proxy-Authorization") != null) {
                SipMessage ringing = SipMessage.responseTo(m, 486, "Busy Here");
                queue.sent(ringing, ringing.encode()); // lost on its way: not added to what the phone got
            }
        }, (m, flow) -> sent.add(m));

        arrive(invite("z9hG4bK-1", true));
        awaitHandled(1);
        arrive(invite("z9hG4bK-1", true)); // retransmitted while the core works on it: dropped, no 100 Trying
        for (int i = 2; i < 7; i++) {
            arrive(invite("z9hG4bK-" + i, false));
        }
        awaitSent(2);
        assertThat(sent).extracting(SipMessage::status).containsExactly(503, 503); // three queued, two refused
        arrive(ack("z9hG4bK-5")); // the ACK of a 503 given at the door
        arrive(invite("z9hG4bK-6", false)); // a retransmission of a refused INVITE: refused again
        release.countDown();
        Thread.sleep(300);
        arrive(invite("z9hG4bK-1", true)); // its answer was lost: the next retransmission gets it from the door
        awaitSent(4);

        assertThat(sent).extracting(SipMessage::status).containsExactly(503, 503, 503, 486);
        assertThat(handled).as("the first INVITE and the three queued, not the ACK").hasValue(4);
    }

    @Test
    void aWorkerWhoseHandlerLeftAnInterruptSetKeepsWorking() throws Exception {
        queue = new SipWorkQueue(1, 100, 5, (m, from) -> {
            handled.incrementAndGet();
            Thread.currentThread().interrupt(); // as code that caught and restored an interrupt would
        }, (m, flow) -> sent.add(m));

        for (int i = 0; i < 5; i++) { // one worker only: each message needs it alive after the last
            arrive(bye("z9hG4bK-i" + i));
            awaitHandled(i + 1);
        }

        assertThat(handled).as("all five handled by the single worker").hasValue(5);
    }

    @Test
    void whileWorkersWaitInsideTheCoreTheMessagesBehindThemWakeOtherWorkers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(4);
        queue = new SipWorkQueue(4, 100, 5, (m, from) -> {
            started.countDown();
            handled.incrementAndGet();
            if ("BYE".equals(m.method())) {
                await(release); // a worker waiting for a commit, say
            }
        }, (m, flow) -> sent.add(m));

        for (int i = 0; i < 3; i++) { // three in a burst, each waking a worker of its own
            arrive(bye("z9hG4bK-b" + i));
        }
        arrive(register("z9hG4bK-r"));

        assertThat(started.await(5, TimeUnit.SECONDS)).as("all four handled while three workers wait").isTrue();
        release.countDown();
        awaitHandled(4);
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

    private void arrive(String message) {
        byte[] b = message.getBytes(StandardCharsets.US_ASCII);
        queue.dispatch(b, b.length, phone);
    }

    private void awaitHandled(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (handled.get() < n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SipMessage parse(byte[] bytes) {
        try {
            return SipParser.parseDatagram(bytes, bytes.length);
        } catch (SipParser.BadMessageException e) {
            throw new AssertionError(e);
        }
    }

    private static String register(String branch) {
        return "REGISTER sip:acme.sip.example SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "From: <sip:100@acme.sip.example>;tag=a\r\n"
                + "To: <sip:100@acme.sip.example>\r\n"
                + "Call-ID: reg-" + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Contact: <sip:100@127.0.0.1:5070>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String invite(String branch, boolean credentials) {
        return "INVITE sip:101@acme.sip.example SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "From: <sip:100@acme.sip.example>;tag=a\r\n"
                + "To: <sip:101@acme.sip.example>\r\n"
                + "Call-ID: call-" + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + (credentials ? "Proxy-Authorization: Digest username=\"100\"\r\n" : "")
                + "Content-Length: 0\r\n\r\n";
    }

    private static String ack(String branch) {
        return "ACK sip:101@acme.sip.example SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "From: <sip:100@acme.sip.example>;tag=a\r\n"
                + "To: <sip:101@acme.sip.example>\r\n"
                + "Call-ID: call-" + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String bye(String branch) {
        return "BYE sip:101@127.0.0.1:5080 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "From: <sip:100@acme.sip.example>;tag=a\r\n"
                + "To: <sip:101@acme.sip.example>;tag=b\r\n"
                + "Call-ID: call-" + branch + "@127.0.0.1\r\n"
                + "CSeq: 2 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
