package org.switchboard.testing;


import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The whole application on a real PostgreSQL (the embedded one, in a fresh temporary folder),
 * listening on a random port, sending its mail to a real SMTP server (GreenMail). All integration
 * and browser tests share one application context, so it starts once per test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.embedded-db.ephemeral=true",
        "switchboard.secret-key=" + IntegrationTestBase.SECRET_KEY,
        "switchboard.demo.enabled=false",
        "switchboard.sip.port=0",
        "switchboard.sip.bind-address=127.0.0.1",
        // sipp answers only the first challenge and knows MD5 alone; SHA-256 is tested with a client of our own
        "switchboard.sip.challenge-order=MD5,SHA-256",
        "switchboard.sip.no-answer-timeout=6s",
        // the toll-fraud guards' tests: countries a customer may open, a cap reachable with the clock, and the
        // phones' own address never banned by address (bans by address are tested from 127.0.0.2)
        "switchboard.sip.fraud.allowed-countries=FR,AT",
        "switchboard.sip.fraud.daily-airtime-minutes=60",
        "switchboard.sip.fraud.trusted-addresses=127.0.0.1",
        "switchboard.sip.carrier.username=" + IntegrationTestBase.CARRIER_USER,
        "switchboard.sip.carrier.password=" + IntegrationTestBase.CARRIER_PASSWORD,
        "switchboard.admin.email=" + IntegrationTestBase.OPERATOR_EMAIL,
        "switchboard.admin.password=" + IntegrationTestBase.PASSWORD,
        "spring.mail.host=127.0.0.1",
        "switchboard.mail.poll-interval=200",
        "logging.level.com.icegreen=WARN" })
@Import({ TestClockConfiguration.class, org.switchboard.numbers.RecordingPortingCarrier.Configuration.class })
public abstract class IntegrationTestBase {

    public static final String OPERATOR_EMAIL = "operator@switchboard.test";
    public static final String PASSWORD = "correct horse battery staple";
    /** The key of stored bank details, given explicitly so that further nodes started by a test share it. */
    public static final String SECRET_KEY = "ZYdxxmrLSdHHix3kA85FEbLFgFfNuv1LsDbCD2crOQY=";

    protected static final GreenMail MAIL = startMail();
    /** Where the SIP core finds the platform's carrier trunk: a sipp process in the telephony tests. */
    public static final int CARRIER_PORT = freeSipPort();
    public static final String CARRIER_USER = "switchboard";
    public static final String CARRIER_PASSWORD = "trunk secret";

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("switchboard.sip.carrier.address", () -> "127.0.0.1:" + CARRIER_PORT);
    }

    private static int freeSipPort() {
        for (int i = 0; i < 50; i++) {
            try (java.net.ServerSocket tcp = new java.net.ServerSocket(0);
                    java.net.DatagramSocket udp = new java.net.DatagramSocket(tcp.getLocalPort())) {
                return tcp.getLocalPort();
            } catch (java.io.IOException e) {
                // taken for UDP: try another
            }
        }
        throw new IllegalStateException("no free port for the carrier");
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
