package org.switchboard.telephony.sip;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.telephony.sip.Flow.Transport;
import org.switchboard.telephony.sip.SipParser.BadMessageException;

/**
 * UDP and TCP on one port, with bounded work: messages are handed to a fixed pool of workers
 * through a queue of fixed size; when it is full, a request is answered {@code 503} with
 * {@code Retry-After} at once, so memory stays bounded whatever the offered load. Malformed
 * requests are answered {@code 400} here when they can be answered at all; TCP connections are
 * capped and framed by Content-Length (required on TCP).
 */
public final class SocketSipTransport implements SipTransport {

    private static final Logger log = LoggerFactory.getLogger(SocketSipTransport.class);

    /** What the transport is told to be; see {@code switchboard.sip.*}. */
    public record Settings(String bindAddress, int port, String advertisedHost, int workers, int queue,
            int maxConnections, int retryAfterSeconds) {
    }

    private final Settings settings;
    private DatagramChannel udp;
    private ServerSocket tcp;
    private ThreadPoolExecutor workers;
    private Handler handler;
    private volatile boolean running;
    private int boundPort;
    private final Map<InetSocketAddress, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger shed = new AtomicInteger();

    public SocketSipTransport(Settings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized void start(Handler h) {
        this.handler = h;
        try {
            InetAddress bind = InetAddress.getByName(settings.bindAddress());
            tcp = new ServerSocket();
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(bind, settings.port()), 512);
            boundPort = tcp.getLocalPort();
            udp = DatagramChannel.open();
            udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            udp.setOption(StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
            udp.bind(new InetSocketAddress(bind, boundPort));
        } catch (IOException e) {
            throw new IllegalStateException("The SIP port " + settings.port() + " cannot be opened: " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queue()), r -> {
                    Thread t = new Thread(r, "sip-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        running = true;
        Thread u = new Thread(this::readUdp, "sip-udp");
        u.setDaemon(true);
        u.start();
        Thread a = new Thread(this::acceptTcp, "sip-tcp-accept");
        a.setDaemon(true);
        a.start();
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
        return shed.get();
    }

    @Override
    public synchronized void stop() {
        running = false;
        try {
            if (udp != null) {
                udp.close();
            }
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException e) {
            log.debug("closing SIP sockets", e);
        }
        connections.values().forEach(Connection::close);
        if (workers != null) {
            workers.shutdownNow();
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
                udp.send(ByteBuffer.wrap(bytes), to.remote());
            } else {
                Connection c = connections.get(to.remote());
                if (c == null) {
                    c = connect(to.remote());
                }
                c.write(bytes);
            }
        } catch (IOException e) {
            log.debug("cannot send to {}: {}", to, e.getMessage());
        }
    }

    private void readUdp() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(SipParser.MAX_MESSAGE + 1);
        byte[] data = new byte[SipParser.MAX_MESSAGE + 1];
        while (running) {
            try {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) udp.receive(buffer);
                if (from == null) {
                    continue;
                }
                buffer.flip();
                int length = buffer.remaining();
                buffer.get(data, 0, length);
                if (length <= 4) {
                    continue; // keep-alive (CRLF)
                }
                Flow flow = new Flow(Transport.UDP, from);
                SipMessage m;
                try {
                    m = SipParser.parseDatagram(data, length);
                } catch (BadMessageException e) {
                    refuse(e, flow, length > SipParser.MAX_MESSAGE ? 513 : 400);
                    continue;
                }
                if (log.isTraceEnabled()) {
                    log.trace("from {}:\n{}", flow, m);
                }
                dispatch(m, flow);
            } catch (IOException e) {
                if (running) {
                    log.debug("UDP receive failed: {}", e.getMessage());
                }
            }
        }
    }

    private void dispatch(SipMessage m, Flow flow) {
        try {
            workers.execute(() -> {
                try {
                    handler.received(m, flow);
                } catch (RuntimeException e) {
                    log.warn("SIP {} from {} failed", m.isRequest() ? m.method() : m.status(), flow, e);
                    if (m.isRequest() && !"ACK".equals(m.method())) {
                        send(SipMessage.responseTo(m, 500, "Server Internal Error"), flow);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            shed.incrementAndGet();
            if (m.isRequest() && !"ACK".equals(m.method())) {
                SipMessage busy = SipMessage.responseTo(m, 503, "Service Unavailable");
                busy.add("Retry-After", String.valueOf(settings.retryAfterSeconds()));
                send(busy, flow);
            }
        }
    }

    private void refuse(BadMessageException e, Flow flow, int status) {
        SipMessage partial = e.partial();
        if (partial != null && partial.isRequest() && !"ACK".equals(partial.method())
                && partial.header("Via").isPresent() && partial.callId() != null) {
            SipMessage r = SipMessage.responseTo(partial, status, status == 513 ? "Message Too Large"
                    : "Bad Request");
            r.add("Warning", "399 - \"" + e.getMessage() + "\"");
            send(r, flow);
        }
        log.debug("malformed SIP from {}: {}", flow, e.getMessage());
    }

    private void acceptTcp() {
        while (running) {
            try {
                Socket s = tcp.accept();
                if (connections.size() >= settings.maxConnections()) {
                    s.close();
                    continue;
                }
                start(s);
            } catch (IOException e) {
                if (running) {
                    log.debug("TCP accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private Connection connect(InetSocketAddress remote) throws IOException {
        Socket s = new Socket();
        s.connect(remote, 3000);
        return start(s);
    }

    private Connection start(Socket s) throws SocketException {
        s.setTcpNoDelay(true);
        s.setSoTimeout(0);
        InetSocketAddress remote = (InetSocketAddress) s.getRemoteSocketAddress();
        Connection c = new Connection(s, remote);
        Connection old = connections.put(remote, c);
        if (old != null) {
            old.close();
        }
        Thread t = new Thread(() -> readTcp(c), "sip-tcp-" + remote.getPort());
        t.setDaemon(true);
        t.start();
        return c;
    }

    private void readTcp(Connection c) {
        Flow flow = new Flow(Transport.TCP, c.remote);
        try (InputStream in = new BufferedInputStream(c.socket.getInputStream(), 16 * 1024)) {
            byte[] head = new byte[4096]; // grown as needed up to the largest message, so idle connections stay small
            while (running) {
                int length = 0;
                // skip keep-alive CRLFs between messages, then read up to the blank line
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    if (length == 0 && (b == '\r' || b == '\n')) {
                        continue;
                    }
                    if (length >= head.length) {
                        if (head.length >= SipParser.MAX_MESSAGE) {
                            return; // a head of 64 KB: not SIP, drop the connection
                        }
                        head = java.util.Arrays.copyOf(head, Math.min(head.length * 2, SipParser.MAX_MESSAGE));
                    }
                    head[length++] = (byte) b;
                    if (length >= 4 && head[length - 1] == '\n' && head[length - 2] == '\r' && head[length - 3] == '\n'
                            && head[length - 4] == '\r') {
                        break;
                    }
                }
                SipMessage m;
                try {
                    m = SipParser.parseHead(new String(head, 0, length, StandardCharsets.UTF_8));
                    String cl = m.headerOrNull("Content-Length");
                    if (cl == null) {
                        throw new BadMessageException("Content-Length is required over TCP", m);
                    }
                    int bodyLength = SipParser.contentLength(cl, m);
                    m.rawBody(in.readNBytes(bodyLength));
                } catch (BadMessageException e) {
                    refuse(e, flow, 400);
                    return; // framing is lost: close the connection
                }
                dispatch(m, flow);
            }
        } catch (IOException e) {
            log.debug("TCP connection {} ended: {}", c.remote, e.getMessage());
        } finally {
            connections.remove(c.remote, c);
            c.close();
        }
    }

    private static final class Connection {
        final Socket socket;
        final InetSocketAddress remote;
        private final OutputStream out;

        Connection(Socket socket, InetSocketAddress remote) throws SocketException {
            this.socket = socket;
            this.remote = remote;
            try {
                this.out = socket.getOutputStream();
            } catch (IOException e) {
                throw new SocketException(e.getMessage());
            }
        }

        synchronized void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
