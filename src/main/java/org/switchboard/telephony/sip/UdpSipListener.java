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

/**
 * SIP over UDP: one datagram is one message. One reading thread takes them from the socket and hands
 * them to the work queue's door, which reads a few bytes of each; workers parse what is let in, so the
 * reading thread keeps up with the socket under overload (a datagram the kernel drops for a full
 * receive buffer might be a BYE, which no door can then put first).
 */
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
                work.dispatch(data, length, new Flow(Transport.UDP, from)); // the door; parsed by a worker
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
