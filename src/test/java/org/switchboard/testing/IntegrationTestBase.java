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
        "switchboard.demo.enabled=false",
        "switchboard.admin.email=" + IntegrationTestBase.OPERATOR_EMAIL,
        "switchboard.admin.password=" + IntegrationTestBase.PASSWORD,
        "spring.mail.host=127.0.0.1",
        "switchboard.mail.poll-interval=200",
        "logging.level.com.icegreen=WARN" })
@Import({ TestClockConfiguration.class, org.switchboard.numbers.RecordingPortingCarrier.Configuration.class })
public abstract class IntegrationTestBase {

    public static final String OPERATOR_EMAIL = "operator@switchboard.test";
    public static final String PASSWORD = "correct horse battery staple";

    protected static final GreenMail MAIL = startMail();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
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
