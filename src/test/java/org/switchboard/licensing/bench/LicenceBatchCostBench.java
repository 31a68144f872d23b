package org.switchboard.licensing.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.IntegrationTestBase;

/**
 * What one licence batch of one event costs: a call's start and its end, one after the other, each
 * its own batch on the same cached pool. Prints per batch the CPU of PostgreSQL's processes, of the
 * licence writer threads, and the wall time, in rounds after a warm-up. Not part of the suite (its
 * name is not a test's): {@code mvn test -Dtest=LicenceBatchCostBench}.
 */
class LicenceBatchCostBench extends IntegrationTestBase {

    private static final int WARM_UP = 3_000;
    private static final int PER_ROUND = 2_000;

    @Autowired
    PhoneSystemPort phoneSystems;

    @Autowired
    LicensingFixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void oneEventBatches() {
        Setup setup = fixtures.subscribed(50, 3, 0);
        calls(setup, 0, WARM_UP / 2);
        for (int round = 0; round < 5; round++) {
            long pg = databaseCpu();
            long writers = writerCpu();
            long t0 = System.nanoTime();
            calls(setup, WARM_UP + round * PER_ROUND, PER_ROUND / 2);
            double wall = (System.nanoTime() - t0) / 1e3 / PER_ROUND;
            System.out.printf("BATCHCOST round %d: per one-event batch %.1f us PostgreSQL CPU, %.1f us licence writer"
                    + " CPU, %.1f us wall%n", round, (databaseCpu() - pg) / 1e3 / PER_ROUND,
                    (writerCpu() - writers) / 1e3 / PER_ROUND, wall);
        }
    }

    private void calls(Setup setup, int first, int n) {
        for (int i = first; i < first + n; i++) {
            String ref = "c-" + i;
            phoneSystems.report(setup.instance(), new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "100", ref, null,
                    clock.instant()));
            phoneSystems.report(setup.instance(), new LicenceEvent(EventType.CALL_ENDED, "100", ref, null,
                    clock.instant()));
        }
    }

    /** CPU so far of PostgreSQL's processes (every one pg_stat_activity lists, and the postmaster). */
    private long databaseCpu() {
        List<Integer> pids = jdbc.queryForList("select pid from pg_stat_activity", Integer.class);
        long sum = 0;
        for (Integer pid : pids) {
            sum += ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(0L);
        }
        return sum;
    }

    private static long writerCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("licence-writer")) {
                sum += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }
}
