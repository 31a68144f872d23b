package org.switchboard.telephony;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A bare SIP phone over TLS, trusting the certificate in a keystore: sipp here is built without TLS. */
final class TlsSipClient implements AutoCloseable {

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    TlsSipClient(int port, Path trusted, String password) throws Exception {
        this(port, trusting(keyStore(trusted, password)));
    }

    /** A phone that trusts exactly the certificate in a PEM file (a server's self-signed one). */
    TlsSipClient(int port, Path pemCertificate) throws Exception {
        this(port, trusting(pemStore(pemCertificate)));
    }

    private TlsSipClient(int port, SSLContext context) throws Exception {
        socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(8000);
        socket.startHandshake();
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private static KeyStore keyStore(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream s = Files.newInputStream(file)) {
            store.load(s, password.toCharArray());
        }
        return store;
    }

    private static KeyStore pemStore(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream s = Files.newInputStream(pem)) {
            store.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(s));
        }
        return store;
    }

    private static SSLContext trusting(KeyStore store) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    String protocol() {
        return socket.getSession().getProtocol();
    }

    void send(String message) throws IOException {
        String text = message.replace("\r\n", "\n").replace("\n", "\r\n");
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next message (head and body), or null when none comes within the timeout. */
    String receive() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        try {
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (head.size() == 0 && (b == '\r' || b == '\n')) {
                    continue;
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : 0;
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
        String h = head.toString(StandardCharsets.UTF_8);
        Matcher cl = Pattern.compile("(?im)^(Content-Length|l):\\s*(\\d+)").matcher(h);
        int length = cl.find() ? Integer.parseInt(cl.group(2)) : 0;
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** The next final response, skipping provisional ones. */
    String finalResponse() throws IOException {
        while (true) {
            String r = receive();
            if (r == null || !r.startsWith("SIP/2.0 1")) {
                return r;
            }
        }
    }

    static String header(String message, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\r?$").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    static java.util.List<String> headers(String message, String name) {
        java.util.List<String> values = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\r?$").matcher(message);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
