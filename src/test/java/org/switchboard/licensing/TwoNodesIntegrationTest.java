package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.switchboard.SwitchboardApplication;
import org.switchboard.licensing.LicensingFixtures.Connector;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Two application nodes on one PostgreSQL, fired at concurrently: never more licences are held
 * than the pool, and what is held survives a node's restart.
 */
class TwoNodesIntegrationTest extends IntegrationTestBase {

    @Autowired
    DataSource dataSource;

    @Autowired
    LicensingFixtures fixtures;

    ConfigurableApplicationContext node() {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        // Every node reads the same time, as real nodes do: this node shares the test's clock (which
        // other tests may have moved), and the test fixtures among its components find it too.
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("testClock", clock)).properties(
                "spring.datasource.url=" + url, "spring.datasource.username=postgres",
                "spring.datasource.password=" + ((HikariDataSource) dataSource).getPassword(),
                "switchboard.scheduling.enabled=false", "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + MAIL.getSmtp().getPort(), "logging.level.root=WARN")
                // Settings application.properties names too win only as arguments (the ones above are defaults):
                // the same key as the first node, a port and SIP port of its own, no demo data.
                .run("--switchboard.secret-key=" + SECRET_KEY, "--server.port=0", "--switchboard.demo.enabled=false",
                        "--switchboard.sip.port=0", "--switchboard.sip.bind-address=127.0.0.1");
    }

    static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Test
    void concurrentAdmissionsOnTwoNodesNeverExceedThePoolAndHoldersSurviveARestart() throws Exception {
        clock.advance(java.time.Duration.ofDays(1500)); // the shared clock far from the wall clock, as other tests leave it
        Setup setup = fixtures.subscribed(5, 40, 0);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (ConfigurableApplicationContext second = node()) {
            Connector one = new Connector(port, setup);
            Connector two = new Connector(port(second), setup);
            ExecutorService threads = Executors.newFixedThreadPool(16);
            try {
                // Round 1: all 40 employees open their desktop at once, half on each node.
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    Connector node = i % 2 == 0 ? one : two;
                    String subject = String.valueOf(100 + i);
                    answers.add(threads.submit(() -> node.send("DESKTOP_OPENED", subject, "d-" + subject)));
                }
                int admitted = 0;
                for (Future<Response> f : answers) {
                    Response r = f.get();
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                    admitted += r.json().path("admitted").asBoolean() ? 1 : 0;
                }
                assertThat(admitted).isEqualTo(5);

                // Round 2: a storm of random events on both nodes.
                List<Callable<Response>> storm = new ArrayList<>();
                for (int i = 0; i < 1200; i++) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    Connector node = random.nextBoolean() ? one : two;
                    String subject = String.valueOf(100 + random.nextInt(40));
                    int n = random.nextInt(6);
                    String[] event = switch (random.nextInt(5)) {
                        case 0 -> new String[] { "DESKTOP_OPENED", "d-" + subject + "-" + n };
                        case 1 -> new String[] { "DESKTOP_CLOSED", "d-" + subject + "-" + n };
                        case 2 -> new String[] { "OUTBOUND_CALL_STARTED", "c-" + subject + "-" + n };
                        case 3 -> new String[] { "CALL_ENDED", "c-" + subject + "-" + n };
                        default -> new String[] { "DESKTOP_CLOSED", "d-" + subject };
                    };
                    storm.add(() -> node.send(event[0], subject, event[1], "+4930" + n));
                }
                for (Future<Response> f : threads.invokeAll(storm)) {
                    Response r = f.get();
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                    assertThat(r.json().path("occupied").asInt()).as(r.toString()).isLessThanOrEqualTo(5);
                }
            } finally {
                threads.shutdownNow();
            }
            Integer holders = jdbc.queryForObject("select count(*) from licence_holders where instance_id = ?",
                    Integer.class, setup.instance().value());
            assertThat(holders).isLessThanOrEqualTo(5);
            Integer overAdmitted = jdbc.queryForObject("select count(*) from licence_history where instance_id = ?"
                    + " and occupied > licensed", Integer.class, setup.instance().value());
            assertThat(overAdmitted).isZero();
            // Both nodes see the same state.
            assertThat(one.licence().json().path("holders").toString())
                    .isEqualTo(two.licence().json().path("holders").toString());
        }

        // Node two went away; a new node reads the held licences from the database.
        Connector one = new Connector(port, setup);
        one.send("DESKTOP_CLOSED", "199", "nothing"); // harmless; makes sure node one is idle
        String before = one.licence().json().toString();
        try (ConfigurableApplicationContext third = node()) {
            Connector three = new Connector(port(third), setup);
            assertThat(three.licence().json().toString()).isEqualTo(before);
            int occupied = three.licence().json().path("occupied").asInt();
            String holder = three.licence().json().path("holders").path(0).path("subject").asString();
            if (occupied == 5) {
                Response refused = three.send("MOBILE_PAIRED", firstNonHolder(three), "m-new");
                assertThat(refused.json().path("admitted").asBoolean()).isFalse();
            }
            if (holder != null && !holder.isEmpty()) {
                assertThat(three.send("OUTBOUND_CALL_STARTED", holder, "c-restart", "+4930").json()
                        .path("occupied").asInt()).isEqualTo(occupied);
            }
        }
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedOnTheOtherAtOnceAndMetricsAgreeOnBothNodes() throws Exception {
        Setup setup = fixtures.subscribed(3, 2, 0);
        try (ConfigurableApplicationContext second = node()) {
            Connector two = new Connector(port(second), setup);
            // Node two checks the key and remembers it (for seconds, were it not told of the revocation).
            assertThat(two.send("DESKTOP_OPENED", "100", "d-100").status()).isEqualTo(200);
            assertThat(two.send("DESKTOP_HEARTBEAT", "100", "d-100").status()).isEqualTo(200);

            // Node one's metrics show what node two admitted, from the database, within seconds.
            String gauge = "licence_occupied{instance=\"" + setup.instance().value() + "\"} 1.0";
            String metrics = new Api(port).get("/actuator/prometheus").body();
            for (int i = 0; i < 40 && !metrics.contains(gauge); i++) {
                Thread.sleep(100);
                metrics = new Api(port).get("/actuator/prometheus").body();
            }
            assertThat(metrics).contains(gauge);

            Api admin = new Api(port).as(setup.customer().email(), PASSWORD);
            String keyId = admin.get(setup.path() + "/connector-keys").json().get(0).path("id").asString();
            assertThat(admin.delete(setup.path() + "/connector-keys/" + keyId).status()).isEqualTo(204);
            long revoked = System.nanoTime();

            // Told by the database's notification, node two refuses the key well within its cache time (5 s).
            Response answer = two.send("DESKTOP_OPENED", "101", "d-101");
            while (answer.status() == 200 && System.nanoTime() - revoked < 1_000_000_000L) {
                Thread.sleep(20);
                answer = two.send("DESKTOP_OPENED", "101", "d-101");
            }
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.text("detail")).contains("revoked");
        }
    }

    private static String firstNonHolder(Connector node) {
        String holders = node.licence().json().path("holders").toString();
        for (int i = 0; i < 40; i++) {
            if (!holders.contains("\"" + (100 + i) + "\"")) {
                return String.valueOf(100 + i);
            }
        }
        throw new AssertionError("all hold a licence");
    }
}
