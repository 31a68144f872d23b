package org.switchboard.telephony;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bare SIP phone over UDP for the tests sipp cannot write: SHA-256 digest, replays, malformed requests. */
final class SipClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final int serverPort;

    SipClient(int serverPort) {
        try {
            this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            this.socket.setSoTimeout(5000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.serverPort = serverPort;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** Sends a request (lines separated by \n) and answers the first final response (or null on silence). */
    String exchange(String request) {
        send(request);
        while (true) {
            String r = receive();
            if (r == null || !r.startsWith("SIP/2.0 1")) {
                return r;
            }
        }
    }

    void send(String request) {
        byte[] b = request.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), serverPort));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String receive() {
        byte[] buffer = new byte[65535];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(p);
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int status(String response) {
        return response == null ? 0 : Integer.parseInt(response.substring(8, 11));
    }

    String register(String user, String domain, int expires, String authorization) {
        return "REGISTER sip:" + domain + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=z9hG4bK" + UUID.randomUUID() + "\n"
                + "From: <sip:" + user + "@" + domain + ">;tag=1\n"
                + "To: <sip:" + user + "@" + domain + ">\n"
                + "Call-ID: reg-" + user + "\n"
                + "CSeq: " + System.nanoTime() % 100000 + " REGISTER\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + localPort() + ">\n"
                + "Expires: " + expires + "\n"
                + "Max-Forwards: 70\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\n")
                + "Content-Length: 0\n\n";
    }

    /** The Authorization answering the challenge of {@code algorithm} in a 401 (or a 407's Proxy-Authorization). */
    static String answer(String challenge, String algorithm, String user, String password, String method, String uri,
            String nc) {
        Map<String, String> p = null;
        for (String line : challenge.split("\r\n")) {
            if ((line.startsWith("WWW-Authenticate:") || line.startsWith("Proxy-Authenticate:"))
                    && line.contains("algorithm=" + algorithm)) {
                p = params(line);
            }
        }
        if (p == null) {
            throw new AssertionError("no " + algorithm + " challenge in\n" + challenge);
        }
        String jca = algorithm.equals("MD5") ? "MD5" : "SHA-256";
        String ha1 = hash(jca, user + ":" + p.get("realm") + ":" + password);
        String ha2 = hash(jca, method + ":" + uri);
        String cnonce = "0a4f113b";
        String response = hash(jca, ha1 + ":" + p.get("nonce") + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + p.get("realm") + "\", nonce=\"" + p.get("nonce")
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm
                + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"";
    }

    private static Map<String, String> params(String line) {
        Map<String, String> p = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\"([^\"]*)\"|[^,\\s]+)").matcher(line);
        while (m.find()) {
            p.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
        }
        return p;
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
