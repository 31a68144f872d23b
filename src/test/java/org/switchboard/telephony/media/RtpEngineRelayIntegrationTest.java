package org.switchboard.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.telephony.media.MediaRelay.RelayException;
import org.switchboard.telephony.media.MediaRelay.Side;

/** The ng client against a real rtpengine daemon started on loopback: offer, answer and delete of one call. */
class RtpEngineRelayIntegrationTest {

    static RtpEngine engine;

    static final String WEBRTC_OFFER = String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-", "t=0 0", "a=group:BUNDLE 0", "a=msid-semantic: WMS", "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8",
            "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
            "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0",
            "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuvwx", "a=ice-options:trickle",
            "a=fingerprint:sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0",
            "a=setup:actpass", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
            "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "") ;

    static final String PLAIN_ANSWER = String.join("\r\n", "v=0", "o=carrier 1 1 IN IP4 127.0.0.1", "s=-",
            "c=IN IP4 127.0.0.1", "t=0 0", "m=audio 6000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=sendrecv", "");

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(RtpEngine.available(), "rtpengine (Debian rtpengine-daemon) is needed");
        engine = RtpEngine.start("127.0.0.1");
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aBrowsersOfferReachesAPlainRtpPeerAsPlainRtpAndItsAnswerReturnsAsDtlsSrtpWithIce() {
        RtpEngineRelay relay = engine.relay();
        assertThat(relay.ping()).isTrue();

        String toCarrier = relay.offer("call-1@test", "caller-tag", null, "z9hG4bK1", WEBRTC_OFFER, Side.PLAIN_RTP);
        assertThat(toCarrier).as(engine.log()).contains("m=audio ").contains(" RTP/AVP ").contains("c=IN IP4 127.0.0.1")
                .doesNotContain("a=ice-ufrag").doesNotContain("a=fingerprint").doesNotContain("a=candidate");
        assertThat(mediaPort(toCarrier)).isNotEqualTo(50000).isNotEqualTo(9);

        String toBrowser = relay.answer("call-1@test", "caller-tag", "callee-tag", "z9hG4bK1", PLAIN_ANSWER,
                Side.WEBRTC);
        assertThat(toBrowser).as(engine.log()).contains(" UDP/TLS/RTP/SAVPF ").contains("a=ice-ufrag:")
                .contains("a=fingerprint:").contains("a=candidate:").contains("a=rtcp-mux").contains("a=setup:");
        assertThat(mediaPort(toBrowser)).isNotEqualTo(6000);

        assertThat(engine.calls()).contains("call-1@test");
        relay.delete("call-1@test", "caller-tag");
        assertThat(engine.calls()).doesNotContain("call-1@test");
        // gone: answering it again is refused, and a delete of an unknown call does not throw
        assertThatThrownBy(() -> relay.answer("call-1@test", "caller-tag", "callee-tag", "z9hG4bK1", PLAIN_ANSWER,
                Side.WEBRTC)).isInstanceOf(RelayException.class).hasMessageContaining("rtpengine refused answer");
        relay.delete("call-1@test", "caller-tag");
    }

    @Test
    void aPlainOfferReachesABrowserWithIceAndDtls() {
        RtpEngineRelay relay = engine.relay();
        String plainOffer = PLAIN_ANSWER.replace("o=carrier", "o=phone");
        String toBrowser = relay.offer("call-2@test", "phone-tag", null, "z9hG4bK2", plainOffer, Side.WEBRTC);
        assertThat(toBrowser).contains(" UDP/TLS/RTP/SAVPF ").contains("a=ice-ufrag:").contains("a=fingerprint:");
        relay.delete("call-2@test", "phone-tag");
    }

    @Test
    void aDaemonThatDoesNotAnswerIsAnErrorInBoundedTime() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            NgClient ng = new NgClient(new InetSocketAddress("127.0.0.1", silent.getLocalPort()), Duration.ofMillis(200), 2);
            long start = System.nanoTime();
            assertThatThrownBy(() -> ng.request(java.util.Map.of("command", "ping")))
                    .isInstanceOf(RelayException.class).hasMessageContaining("did not answer ping");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    static int mediaPort(String sdp) {
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("m=audio ")) {
                return Integer.parseInt(line.split(" ")[1]);
            }
        }
        throw new AssertionError("no m=audio line in " + sdp);
    }
}
