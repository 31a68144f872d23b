package org.switchboard.telephony.sip;

import java.io.IOException;
import java.net.InetAddress;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.telephony.sip.Flow.Transport;

/**
 * UDP and TCP on one port, with bounded work: the sockets ({@link UdpSipListener},
 * {@link StreamSipListener}) hand every message to a {@link SipWorkQueue} of fixed size, which
 * answers {@code 503} with {@code Retry-After} when it is full, so memory stays bounded whatever
 * the offered load. Malformed requests are answered {@code 400} when they can be answered at all;
 * TCP connections are capped and framed by Content-Length (required on TCP).
 */
public final class SocketSipTransport implements SipTransport {

    private static final Logger log = LoggerFactory.getLogger(SocketSipTransport.class);

    /** What the transport is told to be; see {@code switchboard.sip.*}. */
    public record Settings(String bindAddress, int port, String advertisedHost, int workers, int queue,
            int maxConnections, int retryAfterSeconds) {
    }

    private final Settings settings;
    private SipWorkQueue work;
    private UdpSipListener udp;
    private StreamSipListener tcp;
    private int boundPort;

    public SocketSipTransport(Settings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized void start(Handler handler) {
        work = new SipWorkQueue(settings.workers(), settings.queue(), settings.retryAfterSeconds(), handler, this::send);
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
    }

    @Override
    public String advertisedHost() {
        return settings.advertisedHost();
    }

    @Override
    public int port() {
        return boundPort;
    }

    /** Requests answered 503 because the work queue was full, since start. */
    public int shed() {
        return work == null ? 0 : work.shed();
    }

    @Override
    public synchronized void stop() {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
        if (work != null) {
            work.shutdown();
        }
    }

    @Override
    public void send(SipMessage message, Flow to) {
        byte[] bytes = message.encode();
        if (log.isTraceEnabled()) {
            log.trace("to {}:\n{}", to, message);
        }
        try {
            if (to.transport() == Transport.UDP) {
                udp.send(bytes, to.remote());
            } else {
                tcp.send(bytes, to.remote());
            }
        } catch (IOException e) {
            log.debug("cannot send to {}: {}", to, e.getMessage());
        }
    }
}
