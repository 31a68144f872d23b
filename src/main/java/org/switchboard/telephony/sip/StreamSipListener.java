package org.switchboard.telephony.sip;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.telephony.sip.Flow.Transport;
import org.switchboard.telephony.sip.SipParser.BadMessageException;

/**
 * SIP over a stream (TCP, or TLS when given TLS socket factories): accepts connections up to a cap,
 * frames messages by Content-Length (required on a stream), keeps one connection per far end and
 * opens one when sending to an end it has none with. A message that breaks the framing closes its
 * connection.
 */
final class StreamSipListener {

    private static final Logger log = LoggerFactory.getLogger(StreamSipListener.class);

    private final Transport transport;
    private final ServerSocket server;
    private final SocketFactory outgoing;
    private final SipWorkQueue work;
    private final int maxConnections;
    private final Map<InetSocketAddress, Connection> connections = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    StreamSipListener(Transport transport, ServerSocketFactory incoming, SocketFactory outgoing, InetAddress bind,
            int port, int maxConnections, SipWorkQueue work) throws IOException {
        this.transport = transport;
        this.outgoing = outgoing;
        this.work = work;
        this.maxConnections = maxConnections;
        this.server = incoming.createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bind, port), 512);
        Thread a = new Thread(this::accept, "sip-" + transport.name().toLowerCase() + "-accept");
        a.setDaemon(true);
        a.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Sends over the open connection with {@code to}, or a new one. */
    void send(byte[] bytes, InetSocketAddress to) throws IOException {
        Connection c = connections.get(to);
        if (c == null) {
            Socket s = outgoing.createSocket();
            s.connect(to, 3000);
            c = open(s);
        }
        c.write(bytes);
    }

    private void accept() {
        while (running) {
            try {
                Socket s = server.accept();
                if (connections.size() >= maxConnections) {
                    s.close();
                    continue;
                }
                open(s);
            } catch (IOException e) {
                if (running) {
                    log.debug("{} accept failed: {}", transport, e.getMessage());
                }
            }
        }
    }

    private Connection open(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        s.setSoTimeout(0);
        InetSocketAddress remote = (InetSocketAddress) s.getRemoteSocketAddress();
        Connection c = new Connection(s, remote, s.getOutputStream());
        Connection old = connections.put(remote, c);
        if (old != null) {
            old.close();
        }
        Thread t = new Thread(() -> read(c), "sip-" + transport.name().toLowerCase() + "-" + remote.getPort());
        t.setDaemon(true);
        t.start();
        return c;
    }

    private void read(Connection c) {
        Flow flow = new Flow(transport, c.remote);
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
                        head = Arrays.copyOf(head, Math.min(head.length * 2, SipParser.MAX_MESSAGE));
                    }
                    head[length++] = (byte) b;
                    if (length >= 4 && head[length - 1] == '\n' && head[length - 2] == '\r' && head[length - 3] == '\n'
                            && head[length - 4] == '\r') {
                        break;
                    }
                }
                SipMessage m;
                try {
                    m = SipParser.parseHead(head, 0, length);
                    String cl = m.headerOrNull("Content-Length");
                    if (cl == null) {
                        throw new BadMessageException("Content-Length is required over " + transport, m);
                    }
                    int bodyLength = SipParser.contentLength(cl, m);
                    m.rawBody(in.readNBytes(bodyLength));
                } catch (BadMessageException e) {
                    work.refuse(e, flow, 400);
                    return; // framing is lost: close the connection
                }
                work.dispatch(m, flow);
            }
        } catch (IOException e) {
            log.debug("{} connection {} ended: {}", transport, c.remote, e.getMessage());
        } finally {
            connections.remove(c.remote, c);
            c.close();
        }
    }

    void close() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing the SIP {} socket", transport, e);
        }
        connections.values().forEach(Connection::close);
    }

    private record Connection(Socket socket, InetSocketAddress remote, OutputStream out) {

        void write(byte[] bytes) throws IOException {
            synchronized (this) {
                out.write(bytes);
                out.flush();
            }
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
