package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.switchboard.testing.Kamailio;

/**
 * The shipped Kamailio configuration's flood guard (pike) on loopback: an address that sends far
 * more requests than {@code SB_PIKE_DENSITY} within the sampling time is no longer answered while
 * its flood lasts, every other address still is, and the flooder is answered again a few seconds
 * after it stops. The flood comes from 127.0.0.2, which Kamailio does not count as itself.
 */
class KamailioPikeIntegrationTest {

    static final int DENSITY = 20;
    static final int FLOOD = 400;

    @Test
    void aFloodFromOneAddressIsDroppedWhileOthersAreAnsweredAndItIsAnsweredAgainAfterwards() throws Exception {
        Assumptions.assumeTrue(Kamailio.installed("kamailio pike test") && Sipp.available(),
                "The pike test needs: apt-get install kamailio sip-tester");
        int sip = Sipp.FreePort.udpAndTcp();
        int internal = Sipp.FreePort.udpAndTcp();
        int noNode = Sipp.FreePort.udpAndTcp();
        Path dir = Files.createTempDirectory("pike");
        Files.writeString(dir.resolve("dispatcher.list"), "1 sip:127.0.0.1:" + noNode + " 8\n");
        Map<String, String> settings = Map.ofEntries(Map.entry("SB_LISTEN_IP", "127.0.0.1"),
                Map.entry("SB_PUBLIC_IP", "127.0.0.1"), Map.entry("SB_SIP_PORT", String.valueOf(sip)),
                Map.entry("SB_INTERNAL_IP", "127.0.0.1"), Map.entry("SB_INTERNAL_PORT", String.valueOf(internal)),
                Map.entry("SB_DOMAIN", "sip.localhost"), Map.entry("SB_CHILDREN", "2"),
                Map.entry("SB_PIKE_DENSITY", String.valueOf(DENSITY)), Map.entry("SB_PING_INTERVAL", "5"),
                Map.entry("SB_DISPATCHER_LIST", dir.resolve("dispatcher.list").toString()),
                Map.entry("SB_TLS_CFG", dir.resolve("tls.cfg").toString()));
        InetAddress flooder = InetAddress.getByName("127.0.0.2");
        try (Kamailio k = Kamailio.start(Path.of("deploy", "kamailio", "kamailio.cfg"), sip, settings, List.of(),
                Map.of())) {
            assertThat(k.answersOptionsFrom(flooder)).as("127.0.0.2 before its flood").isTrue();

            int answered = flood(k, flooder);
            System.out.println("[kamailio pike] " + answered + " of " + FLOOD + " requests of the flood answered");
            assertThat(answered).as("answers to a flood of " + FLOOD + " requests, density " + DENSITY)
                    .isPositive().isLessThan(FLOOD / 4);
            assertThat(k.answersOptionsFrom(flooder)).as("127.0.0.2 right after its flood").isFalse();
            assertThat(k.answersOptions()).as("127.0.0.1 during 127.0.0.2's ban").isTrue();

            long stopped = System.nanoTime();
            long until = stopped + TimeUnit.SECONDS.toNanos(30);
            boolean again = false;
            while (!again && System.nanoTime() < until) {
                Thread.sleep(1000);
                again = k.answersOptionsFrom(flooder);
            }
            assertThat(again).as("127.0.0.2 answered again within 30 s after its flood\n" + k.logTail()).isTrue();
            System.out.printf("[kamailio pike] answered again %.1f s after the flood%n",
                    (System.nanoTime() - stopped) / 1e9);
            assertThat(k.logTail()).contains("pike: flood from 127.0.0.2");
        }
    }

    /** Sends {@link #FLOOD} OPTIONS from {@code source} as fast as it can and counts the answers. */
    private static int flood(Kamailio k, InetAddress source) throws Exception {
        AtomicInteger answers = new AtomicInteger();
        try (DatagramSocket s = new DatagramSocket(0, source)) {
            s.setSoTimeout(1000);
            Thread receiver = new Thread(() -> {
                byte[] in = new byte[4096];
                while (true) {
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    try {
                        s.receive(p);
                    } catch (SocketTimeoutException e) {
                        return;
                    } catch (java.io.IOException e) {
                        return;
                    }
                    if (new String(in, 0, p.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200")) {
                        answers.incrementAndGet();
                    }
                }
            });
            receiver.start();
            for (int i = 0; i < FLOOD; i++) {
                byte[] b = k.options(s).getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), k.port()));
            }
            receiver.join(TimeUnit.SECONDS.toMillis(10));
        }
        return answers.get();
    }
}
