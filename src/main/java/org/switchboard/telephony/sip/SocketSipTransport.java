package org.switchboard.telephony.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.telephony.sip.Flow.Transport;

/**
 * UDP and TCP on one port, and TLS on a port of its own when a key is configured, with bounded work: the sockets ({@link UdpSipListener},
 * {@link StreamSipListener}) hand every message to a {@link SipWorkQueue} of fixed size, which
 * answers {@code 503} with {@code Retry-After} when it is full, so memory stays bounded whatever
 * the offered load. Malformed requests are answered {@code 400} when they can be answered at all;
 * TCP and TLS connections are capped and framed by Content-Length (required on a stream).
 */
public final class SocketSipTransport implements SipTransport {

    private static final Logger log = LoggerFactory.getLogger(SocketSipTransport.class);

    /** What the transport is told to be; see {@code switchboard.sip.*}. */
    public record Settings(String bindAddress, int port, String advertisedHost, int workers, int queue,
            int maxConnections, int retryAfterSeconds, Duration targetWait, Duration waitInterval, Duration staleWait) {

        /** With the overload control's default waits (100 ms standing for 200 ms; new work stale after 1 s). */
        public Settings(String bindAddress, int port, String advertisedHost, int workers, int queue, int maxConnections,
                int retryAfterSeconds) {
            this(bindAddress, port, advertisedHost, workers, queue, maxConnections, retryAfterSeconds,
                    SipWorkQueue.TARGET_WAIT, SipWorkQueue.INTERVAL, SipWorkQueue.STALE_WAIT);
        }
    }

    /** SIP over TLS (RFC 3261 26.2): the port (5061 by default; 0 for any free one) and the server's key and certificate. */
    public record Tls(int port, SSLContext context) {
    }

    private final Settings settings;
    private final Tls tlsSettings;
    private SipWorkQueue work;
    private UdpSipListener udp;
    private StreamSipListener tcp;
    private StreamSipListener tls;
    private int boundPort;

    public SocketSipTransport(Settings settings) {
        this(settings, null);
    }

    /** With SIP over TLS too, unless {@code tls} is {@code null}. */
    public SocketSipTransport(Settings settings, Tls tls) {
        this.settings = settings;
        this.tlsSettings = tls;
    }

    @Override
    public synchronized void start(Handler handler) {
        work = new SipWorkQueue(settings.workers(), settings.queue(), settings.retryAfterSeconds(), settings.targetWait(),
                settings.waitInterval(), settings.staleWait(), handler, this::send, this::sendBytes);
        try {
            InetAddress bind = InetAddress.getByName(settings.bindAddress());
            tcp = new StreamSipListener(Transport.TCP, ServerSocketFactory.getDefault(), SocketFactory.getDefault(),
                    bind, settings.port(), settings.maxConnections(), work);
            boundPort = tcp.port();
            udp = new UdpSipListener(bind, boundPort, work);
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("The SIP port " + settings.port() + " cannot be opened: " + e.getMessage(), e);
        }
        log.info("SIP listening on UDP and TCP port {} (advertised as {})", boundPort, advertisedHost());
        if (tlsSettings != null) {
            try {
                tls = new StreamSipListener(Transport.TLS, tlsSettings.context().getServerSocketFactory(),
                        tlsSettings.context().getSocketFactory(), InetAddress.getByName(settings.bindAddress()),
                        tlsSettings.port(), settings.maxConnections(), work);
            } catch (IOException e) {
                stop();
                throw new IllegalStateException("The SIP TLS port " + tlsSettings.port() + " cannot be opened: "
                        + e.getMessage(), e);
            }
            log.info("SIP listening on TLS port {}", tls.port());
        }
    }

    @Override
    public int port(Transport transport) {
        return transport == Transport.TLS && tls != null ? tls.port() : boundPort;
    }

    @Override
    public String advertisedHost() {
        return settings.advertisedHost();
    }

    @Override
    public int port() {
        return boundPort;
    }

    /** Messages shed (requests answered 503, others dropped) under overload, since start. */
    public int shed() {
        return work == null ? 0 : work.shed();
    }

    /** Messages received over UDP, TCP and TLS, since start. */
    public long received() {
        return work == null ? 0 : work.received();
    }

    /** Messages waiting for a worker now. */
    public int waiting() {
        return work == null ? 0 : work.waiting();
    }

    /**
     * Whether new requests are answered 503 now because work waits too long (those refused because the
     * queue is three quarters full are not told here: {@link #waiting()} shows that).
     */
    public boolean refusingNewWork() {
        return work != null && work.refusingNewWork();
    }

    @Override
    public synchronized void stop() {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
        if (tls != null) {
            tls.close();
        }
        if (work != null) {
            work.shutdown();
        }
    }

    @Override
    public void send(SipMessage message, Flow to) {
        byte[] bytes = message.encode();
        SipWorkQueue queue = work;
        if (queue != null && !message.isRequest()) {
            queue.sent(message, bytes);
        }
        if (log.isTraceEnabled()) {
            log.trace("to {}:\n{}", to, message);
        }
        sendBytes(bytes, to);
    }

    /** Sends a message as it is (the door's answers, written from the request's bytes). */
    private void sendBytes(byte[] bytes, Flow to) {
        try {
            switch (to.transport()) {
                case UDP -> udp.send(bytes, to.remote());
                case TLS -> {
                    if (tls == null) {
                        log.debug("cannot send to {}: SIP over TLS is not configured", to);
                    } else {
                        tls.send(bytes, to.remote());
                    }
                }
                default -> tcp.send(bytes, to.remote());
            }
        } catch (IOException e) {
            log.debug("cannot send to {}: {}", to, e.getMessage());
        }
    }
}
