package org.switchboard.licensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.ReclaimPause;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The reclaim job's look-up of pools with stale refs reads the held desktop sessions silent since
 * the cut-off and the held calls started before theirs as ranges of their own indexes, not every
 * held ref of every pool, and finds exactly the pools with something stale.
 */
class ReclaimLookupIntegrationTest extends IntegrationTestBase {

    @Autowired
    PoolStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    LicensingFixtures fixtures;

    @Autowired
    ReclaimPause pause;

    @Test
    void staleRefsAreFoundByRangesOfTheirIndexes() {
        try (ReclaimPause.Held held = pause.hold()) { // the scheduled job would release the rows written here
            lookUp();
        }
    }

    private void lookUp() {
        UUID silent = fixtures.subscribed(5, 5, 0).instance().value();
        UUID longCall = fixtures.subscribed(5, 5, 0).instance().value();
        UUID fresh = fixtures.subscribed(5, 5, 0).instance().value();
        Instant now = clock.instant();
        ref(silent, "DESKTOP_SESSION", "HELD", now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(5)));
        ref(longCall, "OUTBOUND_CALL", "HELD", now.minus(Duration.ofHours(13)), now.minus(Duration.ofHours(13)));
        ref(fresh, "DESKTOP_SESSION", "HELD", now.minus(Duration.ofMinutes(10)), now);
        ref(fresh, "OUTBOUND_CALL", "HELD", now.minus(Duration.ofMinutes(1)), now.minus(Duration.ofMinutes(1)));
        ref(fresh, "DESKTOP_SESSION", "ENDED", now.minus(Duration.ofHours(20)), now.minus(Duration.ofHours(20)));

        Instant silentSince = now.minus(Duration.ofSeconds(90));
        Instant startedBefore = now.minus(Duration.ofHours(12));
        assertThat(store.poolsToReclaim(silentSince, startedBefore, 100)).containsExactlyInAnyOrder(silent, longCall);

        // As in production, most held refs are fresh: then walking every held ref costs far more than
        // the two ranges. With the few held refs of a test database the planner's choice is a coin toss.
        jdbc.update("insert into licence_refs (instance_id, customer_id, reason, ref, subject, state, emergency, since,"
                + " last_seen) select instance_id, customer_id, 'DESKTOP_SESSION', 'bulk-' || n, '100', 'HELD', false, ?, ?"
                + " from licence_pools, generate_series(1, 2000) n where instance_id = ?",
                utc(now.minus(Duration.ofMinutes(10))), utc(now), fresh);
        try {
            jdbc.execute("analyze licence_refs");
            String plan = tx.execute(status -> {
                jdbc.execute("set local enable_seqscan = off"); // a test's few rows would be read whole otherwise
                return String.join("\n", jdbc.queryForList("explain " + PoolStore.STALE_POOLS, String.class,
                        utc(silentSince), utc(startedBefore), 100));
            });
            assertThat(plan).contains("licence_refs_held_desktop_seen").contains("licence_refs_held_call_since")
                    .doesNotContain("licence_refs_held ").doesNotContain("licence_refs_pkey");
        } finally {
            jdbc.update("delete from licence_refs where instance_id = ? and ref like 'bulk-%'", fresh);
        }
    }

    private void ref(UUID instance, String reason, String state, Instant since, Instant lastSeen) {
        UUID customer = jdbc.queryForObject("select customer_id from licence_pools where instance_id = ?", UUID.class,
                instance);
        jdbc.update("insert into licence_refs (instance_id, customer_id, reason, ref, subject, state, emergency, since,"
                + " last_seen) values (?, ?, ?, ?, '100', ?, false, ?, ?)", instance, customer, reason,
                reason + "-" + UUID.randomUUID(), state, utc(since), utc(lastSeen));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

}
