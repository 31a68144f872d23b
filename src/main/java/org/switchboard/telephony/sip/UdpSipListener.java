package org.switchboard.telephony.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.telephony.sip.Flow.Transport;
import org.switchboard.telephony.sip.SipParser.BadMessageException;

/** SIP over UDP: one datagram is one message; one reading thread parses and hands them to the work queue. */
final class UdpSipListener {

    private static final Logger log = LoggerFactory.getLogger(UdpSipListener.class);

    private final DatagramChannel channel;
    private final SipWorkQueue work;
    private volatile boolean running = true;

    UdpSipListener(InetAddress bind, int port, SipWorkQueue work) throws IOException {
        this.work = work;
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
        channel.bind(new InetSocketAddress(bind, port));
        Thread t = new Thread(this::read, "sip-udp");
        t.setDaemon(true);
        t.start();
    }

    void send(byte[] bytes, InetSocketAddress to) throws IOException {
        channel.send(ByteBuffer.wrap(bytes), to);
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(SipParser.MAX_MESSAGE + 1);
        byte[] data = new byte[SipParser.MAX_MESSAGE + 1];
        while (running) {
            try {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
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
                    work.refuse(e, flow, length > SipParser.MAX_MESSAGE ? 513 : 400);
                    continue;
                }
                if (log.isTraceEnabled()) {
                    log.trace("from {}:\n{}", flow, m);
                }
                work.dispatch(m, flow);
            } catch (IOException e) {
                if (running) {
                    log.debug("UDP receive failed: {}", e.getMessage());
                }
            }
        }
    }

    void close() {
        running = false;
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing the SIP UDP socket", e);
        }
    }
}
