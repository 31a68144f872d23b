package org.switchboard.telephony.sip;

/**
 * The SIP core's port to the network: it receives whole, well-formed messages and sends messages
 * over UDP, TCP or TLS. Whatever carries the bytes (this package's own socket layer today) stays
 * behind it, so the registrar and the call logic never see a socket or a library.
 */
public interface SipTransport {

    /** What the core does with a message; called on a bounded pool of worker threads. */
    interface Handler {
        void received(SipMessage message, Flow from);
    }

    void start(Handler handler);

    /** Sends to {@code to}: over UDP as a datagram, over TCP on the open connection with it or a new one. */
    void send(SipMessage message, Flow to);

    /** The host and port this core puts in Via and Record-Route for that transport. */
    String advertisedHost();

    int port();

    /** The port this core puts in Via and Record-Route for {@code transport} (TLS has a port of its own). */
    default int port(Flow.Transport transport) {
        return port();
    }

    void stop();
}
