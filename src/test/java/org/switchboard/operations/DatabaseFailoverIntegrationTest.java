package org.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.switchboard.billing.ClosedMonth;
import org.switchboard.testing.Api;
import org.switchboard.testing.ApplicationNode;
import org.switchboard.testing.LicenceEventLoad;
import org.switchboard.testing.LicenceEventLoad.Answered;
import org.switchboard.testing.PostgresServer;

import tools.jackson.databind.JsonNode;

/**
 * A database failover that loses nothing: PostgreSQL 15 from the Debian package as a primary with
 * a synchronous standby (streaming replication through a slot, made by {@code pg_basebackup -R}),
 * the application connected to both with a multi-host URL that asks for the primary. During
 * licence events and an invoice run the primary is killed and the standby promoted; the
 * application finds the new primary by itself, the run carries on without the operator, and every
 * event the application answered and every invoice it finalised is on the new primary.
 * Skipped, with a line on the console, without the package postgresql.
 */
class DatabaseFailoverIntegrationTest {

    static final String OPERATOR = "operator@switchboard.test";
    static final String PASSWORD = "correct horse battery staple";
    static final int CUSTOMERS = 3000;

    @Test
    void thePrimaryKilledDuringEventsAndAnInvoiceRunLosesNothingOnThePromotedStandby() throws Exception {
        Assumptions.assumeTrue(PostgresServer.installed("database failover test"),
                "The database failover test needs: apt-get install postgresql");
        try (PostgresServer primary = PostgresServer.primary("primary");
                PostgresServer standby = primary.standby("standby")) {
            primary.requireSynchronous(standby);
            // The URL docs/operations.md gives operators: both servers, the primary wanted, a dead host
            // given up on quickly and looked at again soon.
            String url = "jdbc:postgresql://" + primary.hostAndPort() + "," + standby.hostAndPort() + "/"
                    + PostgresServer.DATABASE + "?targetServerType=primary&connectTimeout=3&hostRecheckSeconds=2"
                    + "&tcpKeepAlive=true";
            try (ApplicationNode node = ApplicationNode.start("node", url, "switchboard.admin.email=" + OPERATOR,
                    "switchboard.admin.password=" + PASSWORD, "switchboard.demo.password=" + PASSWORD)
                    .awaitUp(Duration.ofMinutes(4))) {
                List<LicenceEventLoad.Target> targets = LicenceEventLoad.setUp(node.port(), "customer@demo.test",
                        PASSWORD, 10, 10);
                ClosedMonth.generate(primary.dataSource(), CUSTOMERS, 10L * CUSTOMERS);
                YearMonth month = ClosedMonth.last();
                Api operator = new Api(node.port()).as(OPERATOR, PASSWORD);

                LicenceEventLoad load = new LicenceEventLoad(node.port(), targets, 8, 150);
                load.start();
                Thread.sleep(3000);
                MonthlyInvoices.start(operator, month);
                Api.Response progress = operator.get("/api/v1/invoice-runs/" + month);
                long pollUntil = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (progress.json().path("done").asInt() < 200 && System.nanoTime() < pollUntil) {
                    Thread.sleep(50);
                    progress = operator.get("/api/v1/invoice-runs/" + month);
                }
                // What the operator sees finalised: each of these must be on the new primary, unchanged.
                Map<UUID, String> finalised = new HashMap<>();
                for (JsonNode invoice : operator.get("/api/v1/invoices").json()) {
                    if (!invoice.path("number").isNull()) {
                        finalised.put(UUID.fromString(invoice.path("id").asString()), invoice.path("number").asString());
                    }
                }
                assertThat(progress.text("finishedAt")).as("the run must still be going when the primary dies: "
                        + progress).isNull();
                int eventsAnsweredBefore = load.answered().size();

                long killedAt = System.nanoTime();
                primary.kill();
                System.out.println("[failover] primary killed (SIGKILL) with the invoice run at " + progress.body()
                        + " and " + finalised.size() + " invoices finalised, " + eventsAnsweredBefore + " events answered");
                Thread.sleep(2000); // the time it takes to notice and decide
                standby.promote();
                long promotedAt = System.nanoTime();
                assertThat(standby.inRecovery()).isFalse();

                Thread.sleep(12_000);
                load.stop();
                // Nobody starts the run again: the application carries it on against the new primary.
                Api.Response finished = MonthlyInvoices.awaitFinished(operator, month, Duration.ofMinutes(5));

                long firstAnswerAfter = load.answered().stream().mapToLong(Answered::answeredAt)
                        .filter(t -> t > promotedAt).min().orElse(Long.MAX_VALUE);
                System.out.printf("[failover] (preliminary figures, 2 busy cores) %s%n", load.figures());
                System.out.printf("[failover] standby promoted %.1f s after the kill; first event answered %.2f s after"
                        + " the promotion; invoice run: %s%n", (promotedAt - killedAt) / 1e9,
                        (firstAnswerAfter - promotedAt) / 1e9, finished.body());
                node.logLines("database is not reachable").stream().limit(3)
                        .forEach(l -> System.out.println("[failover] node: " + l));
                assertThat(firstAnswerAfter - promotedAt).as("events answered again within 30 s of the promotion")
                        .isLessThan(30_000_000_000L);

                // On the new primary: every invoice finalised before, unchanged; the run complete, once per customer.
                JdbcTemplate jdbc = new JdbcTemplate(standby.dataSource());
                Map<UUID, String> stored = new HashMap<>();
                jdbc.query("select id, number from billing_invoices where number is not null",
                        rs -> {
                            stored.put(UUID.fromString(rs.getString(1)), rs.getString(2));
                        });
                assertThat(finalised).isNotEmpty();
                assertThat(stored).containsAllEntriesOf(finalised);
                assertThat(MonthlyInvoices.check(standby.dataSource(), CUSTOMERS)).isEmpty();

                // Every answered event on the new primary, applied once, nothing over a pool.
                assertThat(eventsAnsweredBefore).isGreaterThan(100);
                assertThat(load.answersOverThePool()).isEmpty();
                assertThat(load.checkAppliedOnce(standby.dataSource())).isEmpty();
                assertThat(node.alive()).isTrue();
            }
        }
    }
}
