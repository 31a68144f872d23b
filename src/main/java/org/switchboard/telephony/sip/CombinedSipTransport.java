package org.switchboard.telephony.sip;

/**
 * The SIP core's one transport made of two: UDP and TCP on the SIP port, and SIP over WebSocket
 * (RFC 7118) on the application's HTTP port. A message goes out the way its flow came in; Via and
 * Record-Route name the SIP port, which a WebSocket client never dials (it sends everything over
 * its socket).
 */
public final class CombinedSipTransport implements SipTransport {

    private final SipTransport sockets;
    private final SipTransport webSockets;

    public CombinedSipTransport(SipTransport sockets, SipTransport webSockets) {
        this.sockets = sockets;
        this.webSockets = webSockets;
    }

    @Override
    public void start(Handler handler) {
        sockets.start(handler);
        webSockets.start(handler);
    }

    @Override
    public void send(SipMessage message, Flow to) {
        (to.transport().webSocket() ? webSockets : sockets).send(message, to);
    }

    @Override
    public String advertisedHost() {
        return sockets.advertisedHost();
    }

    @Override
    public int port() {
        return sockets.port();
    }

    @Override
    public int port(Flow.Transport transport) {
        return sockets.port(transport);
    }

    @Override
    public void stop() {
        webSockets.stop();
        sockets.stop();
    }
}
