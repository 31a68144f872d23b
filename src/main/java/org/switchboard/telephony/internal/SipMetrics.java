package org.switchboard.telephony.internal;

import org.switchboard.telephony.sip.SocketSipTransport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What an operator watches of the SIP core (at {@code /actuator/prometheus}): the messages the door
 * took and shed, the work waiting for a worker and whether new requests are refused for it, the calls
 * live on this node, and the digest answers whose nonce count was used already (each challenged
 * again with {@code stale=true}: a phone's retransmission that outlived the door's memory, or a
 * replay). Read from the parts that count them when the registry is scraped; nothing is counted twice.
 */
final class SipMetrics {

    SipMetrics(MeterRegistry registry, SocketSipTransport sockets, CallTable calls, Nonces nonces) {
        FunctionCounter.builder("sip.messages.received", sockets, SocketSipTransport::received)
                .description("SIP messages received over UDP, TCP and TLS").register(registry);
        FunctionCounter.builder("sip.messages.shed", sockets, SocketSipTransport::shed)
                .description("SIP messages shed under overload: requests answered 503 with Retry-After, others dropped")
                .register(registry);
        Gauge.builder("sip.queue.waiting", sockets, SocketSipTransport::waiting)
                .description("SIP messages waiting for a worker").register(registry);
        Gauge.builder("sip.queue.refusing", sockets, t -> t.refusingNewWork() ? 1 : 0)
                .description("1 while new requests are answered 503 because work waits longer than the target")
                .register(registry);
        Gauge.builder("sip.calls.live", calls, CallTable::size)
                .description("Calls being set up or connected on this node (one that ended unanswered stays 8 s)")
                .register(registry);
        FunctionCounter.builder("sip.digest.reused", nonces, Nonces::reused)
                .description("Digest answers with a nonce count used already, challenged again with stale=true")
                .register(registry);
    }
}
