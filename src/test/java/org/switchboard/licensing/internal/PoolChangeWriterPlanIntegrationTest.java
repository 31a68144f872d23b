package org.switchboard.licensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.licensing.LicencePool;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The licence writer's one statement per batch is planned once per database connection and reaches
 * holders and pools through their primary keys, not planned anew for every batch with the statistics
 * of the moment.
 */
class PoolChangeWriterPlanIntegrationTest extends IntegrationTestBase {

    @Autowired
    PoolStore store;
    @Autowired
    RecalledRefs recalledRefs;

    @Autowired
    PoolChangeWriter changeWriter;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LicensingFixtures fixtures;

    @Test
    void batchesAfterTheFirstOnesOfAConnectionUseOnePlanAndStoreEveryChange() {
        Setup setup = fixtures.subscribed(20, 20, 0);
        UUID instance = setup.instance().value();
        long[] plans = tx.execute(status -> {
            // the connection is pooled: what it planned before this test is counted too, so the difference counts
            Map<String, Object> before = plansOfThisSession();
            for (int i = 0; i < 12; i++) {
                PoolStore.PoolRow row = store.lock(Set.of(instance)).get(instance);
                LicencePool pool = store.load(row);
                pool.apply(new LicenceEvent(EventType.DESKTOP_OPENED, String.valueOf(100 + i), "d-" + i, null,
                        clock.instant(), null));
                if (i > 0) { // a batch that also frees a holder
                    pool.apply(new LicenceEvent(EventType.DESKTOP_CLOSED, String.valueOf(100 + i - 1), "d-" + (i - 1),
                            null, clock.instant(), null));
                }
                changeWriter.write(List.of(new PoolStore.Written(row, pool, pool.drainChanges())));
            }
            Map<String, Object> after = plansOfThisSession();
            return new long[] { count(after, "generic") - count(before, "generic"),
                    count(after, "custom") - count(before, "custom") };
        });

        // The driver prepares a statement on the server after its first executions on a connection;
        // from then on every batch's lock and write run their one generic plan each, none is
        // planned for its own arrays.
        assertThat(plans[0]).as("generic plans").isGreaterThanOrEqualTo(14);
        assertThat(plans[1]).as("custom plans").isZero();
        // And every batch's changes are stored: only the last session holds, its pool is at version 12.
        assertThat(jdbc.queryForList("select subject from licence_holders where instance_id = ?", String.class,
                instance)).containsExactly("111");
        assertThat(jdbc.queryForObject("select occupied from licence_pools where instance_id = ?", Integer.class,
                instance)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from licence_history where instance_id = ?", Integer.class,
                instance)).isEqualTo(23);
    }

    @Test
    void theOnePlansReachPoolsAndHoldersByTheirKeysOnSmallTables() {
        String write = plan(PoolChangeWriter.WRITE);
        String lock = plan(PoolStore.LOCK);

        // planned on this test's nearly empty tables, as on a node's first batches after a new start
        assertThat(write).containsPattern("Index Scan (using|on) licence_holders_pkey")
                .containsPattern("Index Scan (using|on) licence_pools_pkey").doesNotContain("Seq Scan");
        assertThat(lock).containsPattern("Index Scan (using|on) licence_pools_pkey").doesNotContain("Seq Scan");
    }

    @Test
    void everyVariantOfTheWriteReachesPoolsAndHoldersByTheirKeys() {
        for (int parts = 0; parts < 64; parts++) {
            String statement = PoolChangeWriter.statement(parts);
            String write = plan(statement);
            assertThat(write).as(statement).containsPattern("Index Scan (using|on) licence_pools_pkey")
                    .doesNotContain("Seq Scan");
            if (statement.contains("delete from licence_holders")) {
                assertThat(write).as(statement).containsPattern("Index Scan (using|on) licence_holders_pkey");
            }
        }
    }

    @Test
    void callsOfASubjectHoldingItsLicenceAlreadyAreWrittenWithoutTheHolderParts() {
        Setup setup = fixtures.subscribed(20, 20, 0);
        UUID instance = setup.instance().value();
        List<String> statements = tx.execute(status -> {
            PoolStore.PoolRow first = store.lock(Set.of(instance)).get(instance);
            LicencePool desk = store.load(first);
            desk.apply(new LicenceEvent(EventType.DESKTOP_OPENED, "100", "desk", null, clock.instant(), null));
            changeWriter.write(List.of(new PoolStore.Written(first, desk, desk.drainChanges())));
            for (int i = 0; i < 8; i++) { // past the driver's threshold for preparing a statement on the server
                PoolStore.PoolRow row = store.lock(Set.of(instance)).get(instance);
                LicencePool pool = store.load(row);
                pool.apply(new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "100", "call-" + i, null,
                        clock.instant(), null));
                if (i > 0) {
                    pool.apply(new LicenceEvent(EventType.CALL_ENDED, "100", "call-" + (i - 1), null,
                            clock.instant(), null));
                }
                changeWriter.write(List.of(new PoolStore.Written(row, pool, pool.drainChanges())));
            }
            return jdbc.queryForList("select statement from pg_prepared_statements where statement like 'with refs as%'"
                    + " and statement like '%licence_history%'", String.class);
        });

        // the calls' batches ran a statement without the holders' parts; only the desktop session's had them
        assertThat(statements).anySatisfy(s -> assertThat(s).doesNotContain("licence_holders"));
        assertThat(jdbc.queryForList("select ref from licence_refs where instance_id = ? and state = 'HELD'",
                String.class, instance)).containsExactlyInAnyOrder("desk", "call-7");
        assertThat(jdbc.queryForList("select subject from licence_holders where instance_id = ?", String.class,
                instance)).containsExactly("100");
        assertThat(jdbc.queryForObject("select count(*) from licence_history where instance_id = ?", Integer.class,
                instance)).isEqualTo(1 + 8 + 7);
        assertThat(jdbc.queryForObject("select admissions from licence_hours where instance_id = ?", Integer.class,
                instance)).isEqualTo(1 + 8);
    }

    @Test
    void aPoolForgetsInMemoryOnlyAndStorageForgetsTheEndedRefsByTheirAge() {
        Setup setup = fixtures.subscribed(20, 20, 0);
        UUID instance = setup.instance().value();
        tx.executeWithoutResult(status -> {
            PoolStore.PoolRow row = store.lock(Set.of(instance)).get(instance);
            LicencePool pool = store.load(row);
            for (int i = 0; i < 5; i++) {
                pool.apply(new LicenceEvent(EventType.DESKTOP_OPENED, String.valueOf(100 + i), "f-" + i, null,
                        clock.instant(), null));
            }
            for (int i = 0; i < 3; i++) {
                pool.apply(new LicenceEvent(EventType.DESKTOP_CLOSED, String.valueOf(100 + i), "f-" + i, null,
                        clock.instant(), null));
            }
            changeWriter.write(List.of(new PoolStore.Written(row, pool, pool.drainChanges())));
        });
        assertThat(refs(instance)).containsExactlyInAnyOrder("f-0", "f-1", "f-2", "f-3", "f-4");

        tx.executeWithoutResult(status -> {
            PoolStore.PoolRow row = store.lock(Set.of(instance)).get(instance);
            LicencePool pool = store.load(row); // its held refs; the ended ones are read back as the writer does
            pool.recall(recalledRefs.recall(java.util.stream.IntStream.range(0, 5).mapToObj(i -> new RecalledRefs.RefKey(instance,
                    org.switchboard.connector.Reason.DESKTOP_SESSION, "f-" + i)).toList(), clock.instant().minusSeconds(60))
                    .get(instance));
            assertThat(pool.forget(clock.instant().plusSeconds(1))).isEqualTo(3); // the three ended sessions
            changeWriter.write(List.of(new PoolStore.Written(row, pool, pool.drainChanges())));
        });
        // the pool's forget wrote nothing: storage forgets by its own rule, apart from the batches
        assertThat(refs(instance)).containsExactlyInAnyOrder("f-0", "f-1", "f-2", "f-3", "f-4");
        assertThat(store.forgetRefs(clock.instant().plusSeconds(1))).isGreaterThanOrEqualTo(3);
        assertThat(refs(instance)).containsExactlyInAnyOrder("f-3", "f-4");
    }

    private List<String> refs(UUID instance) {
        return jdbc.queryForList("select ref from licence_refs where instance_id = ?", String.class, instance);
    }

    /** Plans of the lock and the write so far, by pg_prepared_statements: this session's, the connection of the transaction. */
    private Map<String, Object> plansOfThisSession() {
        return jdbc.queryForMap("select coalesce(sum(generic_plans), 0) as generic, coalesce(sum(custom_plans), 0)"
                    + " as custom from pg_prepared_statements where statement like 'with refs as%'"
                    + " or statement like 'select % from licence_pools where instance_id = any%for update'");
    }

    private static long count(Map<String, Object> plans, String kind) {
        return ((Number) plans.get(kind)).longValue();
    }

    /** The generic plan of a statement with the licence writer's settings. */
    private String plan(String statement) {
        String sql = numbered(statement);
        return tx.execute(status -> {
            jdbc.queryForList(PoolStore.ONE_PLAN);
            jdbc.execute("prepare licence_plan as " + sql);
            try {
                int parameters = sql.split("\\$\\d+", -1).length - 1;
                String nulls = String.join(", ", java.util.Collections.nCopies(parameters, "null"));
                return String.join("\n", jdbc.queryForList("explain execute licence_plan(" + nulls + ")", String.class));
            } finally {
                jdbc.execute("deallocate licence_plan");
            }
        });
    }

    /** The statement with PostgreSQL's numbered parameters instead of JDBC's question marks. */
    private static String numbered(String sql) {
        Matcher m = Pattern.compile("\\?").matcher(sql);
        StringBuilder out = new StringBuilder();
        int n = 0;
        while (m.find()) {
            m.appendReplacement(out, "\\$" + (++n));
        }
        m.appendTail(out);
        return out.toString();
    }
}
