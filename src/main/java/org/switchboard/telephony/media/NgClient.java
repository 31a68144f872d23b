package org.switchboard.telephony.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.switchboard.telephony.media.MediaRelay.RelayException;

/**
 * rtpengine's "ng" control protocol over UDP: each request is a cookie, a space and a bencoded
 * dictionary with a {@code command}; the reply carries the same cookie and a dictionary whose
 * {@code result} is {@code ok} (or {@code pong}), or {@code error} with an {@code error-reason}.
 * A request unanswered in time is sent again with the same cookie (the daemon answers a repeated
 * cookie from its cache, so an offer is never made twice).
 */
public final class NgClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_REPLY = 65_535;

    private final InetSocketAddress daemon;
    private final Duration timeout;
    private final int attempts;

    public NgClient(InetSocketAddress daemon, Duration timeout, int attempts) {
        this.daemon = daemon;
        this.timeout = timeout;
        this.attempts = attempts;
    }

    /** {@code udp:host:port} (or {@code host:port}) as the property names the daemon. */
    public static InetSocketAddress address(String spec) {
        String s = spec.trim();
        if (s.startsWith("udp:")) {
            s = s.substring(4);
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("rtpengine address is udp:host:port, not " + spec);
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(s.substring(colon + 1)));
    }

    public InetSocketAddress daemon() {
        return daemon;
    }

    /** Sends the command and returns the reply's dictionary; throws when the result is an error or nothing came. */
    public Map<String, Object> request(Map<String, Object> command) {
        String cookie = HexFormat.of().formatHex(bytes(8));
        byte[] body = Bencode.encode(command);
        byte[] prefix = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] datagram = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, datagram, 0, prefix.length);
        System.arraycopy(body, 0, datagram, prefix.length, body.length);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(daemon);
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            byte[] buffer = new byte[MAX_REPLY];
            for (int attempt = 0; attempt < attempts; attempt++) {
                socket.send(new DatagramPacket(datagram, datagram.length));
                long deadline = System.nanoTime() + timeout.toNanos();
                while (System.nanoTime() < deadline) {
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(reply);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    Map<String, Object> answer = replyTo(cookie, reply.getData(), reply.getLength());
                    if (answer != null) {
                        return checked(command, answer);
                    }
                }
            }
        } catch (IOException e) {
            throw new RelayException("rtpengine at " + daemon + " cannot be reached: " + e.getMessage());
        }
        throw new RelayException("rtpengine at " + daemon + " did not answer " + command.get("command") + " within "
                + attempts + " x " + timeout.toMillis() + " ms");
    }

    /** The reply's dictionary when it answers this cookie; null for a stray datagram. */
    static Map<String, Object> replyTo(String cookie, byte[] data, int length) {
        int space = -1;
        for (int i = 0; i < length; i++) {
            if (data[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space < 0 || !cookie.equals(new String(data, 0, space, StandardCharsets.US_ASCII))) {
            return null;
        }
        return Bencode.decodeDictionary(data, space + 1, length - space - 1);
    }

    private static Map<String, Object> checked(Map<String, Object> command, Map<String, Object> answer) {
        Object result = answer.get("result");
        if ("ok".equals(result) || "pong".equals(result)) {
            return answer;
        }
        throw new RelayException("rtpengine refused " + command.get("command") + ": "
                + (answer.get("error-reason") != null ? answer.get("error-reason") : result));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
