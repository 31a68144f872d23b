package org.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.switchboard.billing.ClosedMonth;
import org.switchboard.testing.Api;
import org.switchboard.testing.ApplicationNode;
import org.switchboard.testing.Haproxy;
import org.switchboard.testing.LicenceEventLoad;
import org.switchboard.testing.LicenceEventLoad.Attempt;
import org.switchboard.testing.PostgresServer;

/**
 * Two application nodes, each a JVM of its own, behind HAProxy on one PostgreSQL (both from the
 * Debian packages, started here on loopback ports). Phone systems' licence events go through the
 * balancer to both nodes; in the middle of the load and of an invoice run one node is killed
 * hard. The other carries on: the balancer sends it everything within seconds, no licence is held
 * over a pool, each event is applied exactly once with the decision its caller was given, and the
 * other node takes the orphaned run over by itself within seconds (nobody starts it again) and
 * leaves one invoice per customer with numbers without a gap.
 * Skipped, with a line on the console, without the packages haproxy and postgresql.
 */
class TwoNodesBehindABalancerIntegrationTest {

    static final String OPERATOR = "operator@switchboard.test";
    static final String PASSWORD = "correct horse battery staple";
    static final String[] NODE = { "switchboard.admin.email=" + OPERATOR, "switchboard.admin.password=" + PASSWORD,
            "switchboard.demo.password=" + PASSWORD };
    static final int CUSTOMERS = 3000;

    @Test
    void aNodeKilledUnderLoadLosesNothingAndTheOtherCarriesOn() throws Exception {
        boolean present = PostgresServer.installed("two nodes test") & Haproxy.installed("two nodes test");
        Assumptions.assumeTrue(present, "The two nodes test needs: apt-get install postgresql haproxy");
        try (PostgresServer db = PostgresServer.primary("db")) {
            String url = "jdbc:postgresql://" + db.hostAndPort() + "/" + PostgresServer.DATABASE;
            try (ApplicationNode a = ApplicationNode.start("node-a", url, NODE).awaitUp(Duration.ofMinutes(4));
                    ApplicationNode b = ApplicationNode.start("node-b", url, NODE).awaitUp(Duration.ofMinutes(4));
                    Haproxy balancer = Haproxy.start(List.of(a, b))) {
                List<LicenceEventLoad.Target> targets = LicenceEventLoad.setUp(balancer.port(), "customer@demo.test",
                        PASSWORD, 20, 10);
                ClosedMonth.generate(db.dataSource(), CUSTOMERS, 10L * CUSTOMERS);
                YearMonth month = ClosedMonth.last();

                LicenceEventLoad load = new LicenceEventLoad(balancer.port(), targets, 16, 300);
                load.start();
                Thread.sleep(4000);

                // The operator starts the month's run on node A; A is killed once its first batches are in.
                Api operatorOnA = new Api(a.port()).as(OPERATOR, PASSWORD);
                MonthlyInvoices.start(operatorOnA, month);
                Api.Response progress = operatorOnA.get("/api/v1/invoice-runs/" + month);
                long pollUntil = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (progress.json().path("done").asInt() < 200 && System.nanoTime() < pollUntil) {
                    Thread.sleep(50);
                    progress = operatorOnA.get("/api/v1/invoice-runs/" + month);
                }
                assertThat(progress.text("finishedAt")).as("the run must still be going when its node is killed: "
                        + progress).isNull();
                JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
                String holderOnA = jdbc.queryForObject("select lease_holder from billing_runs where month = ?",
                        String.class, month.toString());
                assertThat(holderOnA).as("node A holds the run's lease").isNotNull();
                long killedAt = System.nanoTime();
                a.kill();
                System.out.println("[two nodes] node-a killed (SIGKILL) with the invoice run at " + progress.body());

                // Nobody starts the run again: node B sees A's lease lapse and takes the run over by itself.
                String holder = holderOnA;
                while (holder.equals(holderOnA) && System.nanoTime() - killedAt < Duration.ofSeconds(60).toNanos()) {
                    Thread.sleep(200);
                    holder = jdbc.queryForObject("select lease_holder from billing_runs where month = ?", String.class,
                            month.toString());
                }
                double takenOverAfter = (System.nanoTime() - killedAt) / 1e9;
                System.out.printf("[two nodes] node-b took the run over %.1f s after the kill (%s)%n", takenOverAfter,
                        holder);
                assertThat(holder).as("the run's lease taken over by node B").isNotEqualTo(holderOnA);
                // The lease lapses 10 s after its last renewal (every 3.3 s), node B looks every 5 s.
                assertThat(takenOverAfter).as("seconds from the kill to node B taking the run over").isLessThan(20.0);
                long aloneFor = 12_000 - (System.nanoTime() - killedAt) / 1_000_000;
                Thread.sleep(Math.max(0, aloneFor)); // node B alone under the load
                load.stop();

                Api operator = new Api(balancer.port()).as(OPERATOR, PASSWORD);
                Api.Response finished = MonthlyInvoices.awaitFinished(operator, month, Duration.ofMinutes(5));
                System.out.printf("[two nodes] invoice run finished by node-b by itself, %.1f s after the kill: %s%n",
                        (System.nanoTime() - killedAt) / 1e9, finished.body());

                // The balancer moved the load: failed tries only in the seconds after the kill, then all on node B.
                List<Attempt> attempts = load.attempts();
                List<Attempt> failedAfterKill = attempts.stream()
                        .filter(t -> t.status() != 200 && t.sentAt() + t.nanos() > killedAt).toList();
                double lastFailure = failedAfterKill.stream()
                        .mapToLong(t -> t.sentAt() + t.nanos() - killedAt).max().orElse(0) / 1e9;
                long failedBefore = attempts.stream().filter(t -> t.status() != 200 && t.sentAt() + t.nanos() <= killedAt)
                        .count();
                long beforeOnA = attempts.stream().filter(t -> t.sentAt() < killedAt && "node-a".equals(t.node())).count();
                long beforeOnB = attempts.stream().filter(t -> t.sentAt() < killedAt && "node-b".equals(t.node())).count();
                long lateOnA = attempts.stream()
                        .filter(t -> t.sentAt() > killedAt + 5_000_000_000L && !"node-b".equals(t.node())).count();
                System.out.printf("[two nodes] (preliminary figures, 2 busy cores) %s%n", load.figures());
                System.out.printf("[two nodes] before the kill: node-a %d, node-b %d answers, %d failed tries;"
                        + " after it: %d failed tries, the last %.2f s after the kill%n", beforeOnA, beforeOnB,
                        failedBefore, failedAfterKill.size(), lastFailure);
                assertThat(failedBefore).isZero();
                assertThat(Math.min(beforeOnA, beforeOnB)).as("both nodes carry the load")
                        .isGreaterThan((beforeOnA + beforeOnB) / 4);
                assertThat(lastFailure).as("seconds from the kill to the last failed try").isLessThan(5.0);
                assertThat(lateOnA).as("tries not answered by node B from 5 s after the kill").isZero();

                // Nothing over a pool; every event applied once, with the decision its caller got.
                assertThat(load.answersOverThePool()).isEmpty();
                assertThat(load.answered().size()).isGreaterThan(1000);
                assertThat(load.checkAppliedOnce(db.dataSource())).isEmpty();
                assertThat(jdbc.queryForObject("select count(*) from licence_pools p where occupied > licensed"
                        + " or (select count(*) from licence_holders h where h.instance_id = p.instance_id"
                        + " and not over_limit) > licensed", Integer.class)).isZero();

                // No invoice twice, none missing, numbers without a gap.
                assertThat(MonthlyInvoices.check(db.dataSource(), CUSTOMERS)).isEmpty();
                assertThat(b.alive()).isTrue();
            }
        }
    }
}
