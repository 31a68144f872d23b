package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.telephony.Sipp.assertPassed;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.switchboard.telephony.TelephonyFixtures.Phone;
import org.switchboard.testing.Api;
import org.switchboard.testing.ApplicationNode;
import org.switchboard.testing.Kamailio;
import org.switchboard.testing.LicenceEventLoad;
import org.switchboard.testing.PostgresServer;

/**
 * Kamailio 5.6 with the shipped configuration ({@code deploy/kamailio/kamailio.cfg}) in front of
 * two platform nodes, each a JVM of its own on one PostgreSQL (all from the Debian packages, on
 * loopback): phones (sipp) register and call each other through Kamailio, which spreads them over
 * the nodes; two more phones register and call each other over TLS through it; its secure
 * WebSocket port answers. One node is killed; calls go on through the other, which reaches the
 * phones from their bindings in the database. Every licence decision is the nodes': each call
 * asked for one and gave it back.
 */
class KamailioEdgeIntegrationTest {

    static final String PASSWORD = "correct horse battery staple";

    @Test
    void phonesRegisterAndCallThroughKamailioAndCallsGoOnWhenANodeIsKilled() throws Exception {
        boolean present = PostgresServer.installed("kamailio edge test") & Kamailio.installed("kamailio edge test");
        Assumptions.assumeTrue(present && Sipp.available(),
                "The Kamailio edge test needs: apt-get install postgresql kamailio kamailio-tls-modules "
                        + "kamailio-websocket-modules sip-tester");
        int sipA = Sipp.FreePort.udpAndTcp();
        int sipB = Sipp.FreePort.udpAndTcp();
        try (PostgresServer db = PostgresServer.primary("db")) {
            String url = "jdbc:postgresql://" + db.hostAndPort() + "/" + PostgresServer.DATABASE;
            try (ApplicationNode a = ApplicationNode.start("sip-a", url, node(sipA)).awaitUp(Duration.ofMinutes(4));
                    ApplicationNode b = ApplicationNode.start("sip-b", url, node(sipB)).awaitUp(Duration.ofMinutes(4));
                    Edge edge = edge(sipA, sipB)) {
                // an instance with two employees, each with a desk phone (through node A's API)
                UUID instance = LicenceEventLoad.setUp(a.port(), "customer@demo.test", PASSWORD, 1, 5).get(0).instance();
                Api admin = new Api(a.port()).as("customer@demo.test", PASSWORD);
                Map<String, String> p100 = device(admin, instance, "100");
                Map<String, String> p101 = device(admin, instance, "101");
                int tlsCalls = 0;

                // both register through Kamailio, with digest, over UDP
                int port100 = Sipp.FreePort.udpAndTcp();
                int port101 = Sipp.FreePort.udpAndTcp();
                assertPassed(Sipp.client("register.xml", edge.port(), p100, port100).with(auth(p100)).run());
                assertPassed(Sipp.client("register.xml", edge.port(), p101, port101).with(auth(p101)).run());

                // calls both ways through Kamailio and the nodes
                call(edge, p100, "101", port101);
                call(edge, p101, "100", port100);

                // TLS (5061 in production) and secure WebSocket (443) answer with the edge's certificate
                if (edge.tlsPort > 0) {
                    assertThat(tlsProtocol(edge.tlsPort)).isIn("TLSv1.2", "TLSv1.3");
                    assertThat(webSocketHandshake(edge.wssPort)).startsWith("HTTP/1.1 101");

                    // two more phones register over TLS through Kamailio, which keeps their TLS
                    // connections, and call each other: every request and answer crosses TLS to
                    // the phones and UDP to the node
                    Phone p102 = phone(device(admin, instance, "102"), "102");
                    Phone p103 = phone(device(admin, instance, "103"), "103");
                    try (TlsSipClient tls102 = new TlsSipClient(edge.tlsPort, edge.certificate());
                            TlsSipClient tls103 = new TlsSipClient(edge.tlsPort, edge.certificate())) {
                        TlsPhones.register(tls102, p102);
                        TlsPhones.register(tls103, p103);
                        TlsPhones.Call call = TlsPhones.call(tls102, p102, tls103, "103", () -> { });
                        assertThat(call.recordRoutes()).as("Kamailio's Record-Route towards the TLS phone")
                                .anySatisfy(rr -> assertThat(rr).contains("transport=tls"));
                    }
                    tlsCalls = 1;
                }

                // a binding made through one node is used by the other, and one removed there is not:
                // node A rings 101 (and so keeps 101's bindings in memory); 101 moves to another port,
                // unregistering the old one and registering the new one at node B; node A rings the new
                // port only (the old one has nobody listening: a call rung there fails)
                directCall(sipA, p100, "101", port101);
                int moved = Sipp.FreePort.udpAndTcp();
                assertPassed(Sipp.client("register.xml", sipB, expires(p101, "0"), port101).with(auth(p101)).run());
                assertPassed(Sipp.client("register.xml", sipB, p101, moved).with(auth(p101)).run());
                directCall(sipA, p100, "101", moved);
                // and back through Kamailio, for what follows
                assertPassed(Sipp.client("register.xml", edge.port(), p101, port101).with(auth(p101)).run());
                assertPassed(Sipp.client("register.xml", sipB, expires(p101, "0"), moved).with(auth(p101)).run());

                // node A dies; Kamailio sends every phone to node B, which finds their bindings
                a.kill();
                System.out.println("[kamailio edge] node sip-a killed (SIGKILL)");
                call(edge, p100, "101", port101);
                call(edge, p101, "100", port100);
                assertThat(b.alive()).isTrue();
                assertThat(edge.kamailio.alive()).isTrue();

                JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                // every call ended, and its licence given back (queued before the 200 to the BYE, stored just after)
                while ((jdbc.queryForObject("select count(*) from sip_calls where instance_id = ? and ended_at is null",
                        Integer.class, instance) > 0 || jdbc.queryForObject(
                                "select coalesce(sum(occupied), 0) from licence_pools where instance_id = ?",
                                Integer.class, instance) > 0) && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                List<Map<String, Object>> calls = jdbc.queryForList(
                        "select subject, to_number, answered_at, end_reason, licence_held from sip_calls"
                                + " where instance_id = ? order by started_at", instance);
                System.out.println("[kamailio edge] calls: " + calls);
                assertThat(calls).hasSize(6 + tlsCalls).allSatisfy(c -> {
                    assertThat(c.get("answered_at")).isNotNull();
                    assertThat(c.get("end_reason")).isEqualTo("BYE_CALLER");
                });
                assertThat(jdbc.queryForObject("select coalesce(sum(occupied), 0) from licence_pools where instance_id = ?",
                        Integer.class, instance)).as("licences held after the calls").isZero();
            }
        }
    }

    private static String[] node(int sipPort) {
        return new String[] { "switchboard.admin.email=operator@switchboard.test", "switchboard.admin.password=" + PASSWORD,
                "switchboard.demo.password=" + PASSWORD, "switchboard.sip.port=" + sipPort,
                // sipp answers only the first challenge and knows MD5 alone
                "switchboard.sip.challenge-order=MD5,SHA-256" };
    }

    /** Kamailio with the shipped configuration: phones on one port, the nodes' side on another, TLS and WSS when openssl can make a certificate. */
    private static Edge edge(int sipA, int sipB) throws Exception {
        int sip = Sipp.FreePort.udpAndTcp();
        int internal = Sipp.FreePort.udpAndTcp();
        Map<String, String> settings = new HashMap<>(Map.of("SB_LISTEN_IP", "127.0.0.1", "SB_PUBLIC_IP", "127.0.0.1",
                "SB_SIP_PORT", String.valueOf(sip), "SB_INTERNAL_IP", "127.0.0.1", "SB_INTERNAL_PORT",
                String.valueOf(internal), "SB_DOMAIN", "sip.localhost", "SB_CHILDREN", "2", "SB_PIKE_DENSITY", "400",
                "SB_PING_INTERVAL", "1"));
        Map<String, String> files = new HashMap<>();
        files.put("dispatcher.list", "1 sip:127.0.0.1:" + sipA + " 8\n1 sip:127.0.0.1:" + sipB + " 8\n");
        List<String> defines = new ArrayList<>();
        Path certDir = Files.createTempDirectory("edge-tls");
        int tls = 0;
        int wss = 0;
        if (selfSignedPem(certDir)) {
            tls = Sipp.FreePort.udpAndTcp();
            wss = Sipp.FreePort.udpAndTcp();
            defines.add("WITH_TLS");
            settings.put("SB_TLS_PORT", String.valueOf(tls));
            settings.put("SB_WSS_PORT", String.valueOf(wss));
            files.put("tls.cfg", "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n"
                    + "certificate = " + certDir.resolve("cert.pem") + "\nprivate_key = " + certDir.resolve("key.pem") + "\n");
        }
        Path dir = Files.createTempDirectory("edge");
        settings.put("SB_DISPATCHER_LIST", dir.resolve("dispatcher.list").toString());
        settings.put("SB_TLS_CFG", dir.resolve("tls.cfg").toString());
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        Kamailio k = Kamailio.start(Path.of("deploy", "kamailio", "kamailio.cfg"), sip, settings, defines, Map.of());
        return new Edge(k, tls, wss, certDir.resolve("cert.pem"));
    }

    /** The running Kamailio, its TLS and WSS ports (0 when TLS is off) and its certificate. */
    record Edge(Kamailio kamailio, int tlsPort, int wssPort, Path certificate) implements AutoCloseable {
        int port() {
            return kamailio.port();
        }

        @Override
        public void close() {
            kamailio.close();
        }
    }

    private static boolean selfSignedPem(Path dir) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            System.err.println("[kamailio edge test] openssl not found: Kamailio runs without TLS and WSS");
            return false;
        }
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out",
                dir.resolve("cert.pem").toString(), "-days", "2", "-subj", "/CN=127.0.0.1").redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static Map<String, String> device(Api admin, UUID instance, String extension) {
        Api.Response created = admin.post("/api/v1/instances/" + instance + "/devices",
                Map.of("extension", extension, "kind", "DESK_PHONE"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, String> v = new HashMap<>();
        v.put("user", created.text("sipUser"));
        v.put("password", created.text("password"));
        v.put("domain", created.json().path("provisioning").path("domain").asString());
        v.put("expires", "300");
        return v;
    }

    private static Phone phone(Map<String, String> device, String extension) {
        return new Phone(extension, device.get("user"), device.get("password"), device.get("domain"));
    }

    private static String[] auth(Map<String, String> phone) {
        return new String[] { "-au", phone.get("user"), "-ap", phone.get("password") };
    }

    private static void call(Edge edge, Map<String, String> caller, String dialled, int calleePort) {
        directCall(edge.port(), caller, dialled, calleePort);
    }

    /** A call sent to {@code sipPort} (Kamailio's, or one node's), answered at {@code calleePort}. */
    private static void directCall(int sipPort, Map<String, String> caller, String dialled, int calleePort) {
        Sipp answering = Sipp.server("uas_answer.xml", calleePort, 1, Map.of("ring", "100")).start();
        Map<String, String> vars = new HashMap<>(caller);
        vars.put("dialled", dialled);
        vars.put("hold", "300");
        Sipp.Result call = Sipp.client("uac_call.xml", sipPort, vars).with(auth(caller)).run();
        Sipp.Result answered = answering.await();
        assertPassed(call);
        assertPassed(answered);
    }

    private static Map<String, String> expires(Map<String, String> phone, String expires) {
        Map<String, String> v = new HashMap<>(phone);
        v.put("expires", expires);
        return v;
    }

    private static SSLContext trustingAnyCertificate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, null);
        return context;
    }

    private static String tlsProtocol(int port) throws Exception {
        try (SSLSocket s = (SSLSocket) trustingAnyCertificate().getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.startHandshake();
            return s.getSession().getProtocol();
        }
    }

    private static String webSocketHandshake(int port) throws Exception {
        try (SSLSocket s = (SSLSocket) trustingAnyCertificate().getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: sip\r\nOrigin: https://127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] b = new byte[1024];
            int n = in.read(b);
            return n <= 0 ? "" : new String(b, 0, n, StandardCharsets.US_ASCII);
        }
    }
}
