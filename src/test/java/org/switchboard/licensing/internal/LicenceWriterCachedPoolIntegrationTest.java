package org.switchboard.licensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.licensing.LicencePool;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.IntegrationTestBase;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A batch on pools this node has cached is written without locking them first, each pool checked
 * at its cached version. When another node (here: a batch of its own, on another connection) changed
 * a pool in between, the batch is not stored on the stale copy but done again on the pool as stored,
 * and the pool is never exceeded, whether the stale copy would have admitted or refused.
 */
@ExtendWith(ScheduledReclaimHeld.class)
class LicenceWriterCachedPoolIntegrationTest extends IntegrationTestBase {

    @Autowired
    PhoneSystemPort phoneSystems;

    @Autowired
    PoolStore store;

    @Autowired
    PoolChangeWriter changeWriter;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry registry;

    @Autowired
    LicensingFixtures fixtures;

    @Test
    void anAdmissionOnACopyMadeStaleByAnotherNodeIsDecidedAgainOnThePoolAsStored() {
        Setup setup = fixtures.subscribed(1, 3, 0);
        // this node's writer caches the pool: a session opened and closed again, no holder
        assertThat(report(setup, EventType.DESKTOP_OPENED, "100", "d-1").admitted()).isTrue();
        assertThat(report(setup, EventType.DESKTOP_CLOSED, "100", "d-1").admitted()).isTrue();
        long versionCached = version(setup);
        double redoneBefore = redone();

        // another node admits 101 to the only licence
        otherNodeApplies(setup, EventType.DESKTOP_OPENED, "101", "other-1");
        assertThat(version(setup)).isEqualTo(versionCached + 1);

        // on its stale copy this node would admit 102 too; the version check sends the batch round again
        Decision decision = report(setup, EventType.DESKTOP_OPENED, "102", "d-2");

        assertThat(decision.admitted()).isFalse();
        assertThat(decision.occupied()).isEqualTo(1);
        assertThat(redone()).isEqualTo(redoneBefore + 1);
        assertThat(holders(setup)).containsExactly("101");
        assertThat(jdbc.queryForObject("select count(*) from licence_refs where instance_id = ? and state = 'HELD'",
                Integer.class, setup.instance().value())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select max(occupied) from licence_history where instance_id = ?",
                Integer.class, setup.instance().value())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select occupied from licence_pools where instance_id = ?", Integer.class,
                setup.instance().value())).isEqualTo(1);

        // the next batch finds the pool cached at the version it wrote, and goes without the lock again
        assertThat(report(setup, EventType.DESKTOP_OPENED, "101", "d-3").admitted()).isTrue(); // 101 holds already
        assertThat(redone()).isEqualTo(redoneBefore + 1);
        assertThat(version(setup)).isEqualTo(versionCached + 3);
    }

    @Test
    void aRefusalOnACopyMadeStaleByAnotherNodeIsNotStoredButDecidedAgain() {
        Setup setup = fixtures.subscribed(1, 3, 0);
        assertThat(report(setup, EventType.DESKTOP_OPENED, "100", "d-1").admitted()).isTrue(); // cached: 100 holds
        double redoneBefore = redone();

        // another node sees 100's session closed: the licence is free
        otherNodeApplies(setup, EventType.DESKTOP_CLOSED, "100", "d-1");

        // on its stale copy this node would refuse 101, a refusal decided on a pool that no longer is
        Decision decision = report(setup, EventType.DESKTOP_OPENED, "101", "d-2");

        assertThat(decision.admitted()).isTrue();
        assertThat(redone()).isEqualTo(redoneBefore + 1);
        assertThat(holders(setup)).containsExactly("101");
        assertThat(jdbc.queryForObject("select count(*) from licence_history where instance_id = ? and action = 'REFUSED'",
                Integer.class, setup.instance().value())).isZero();
        assertThat(jdbc.queryForObject("select refusals from licence_hours where instance_id = ?", Integer.class,
                setup.instance().value())).isZero();
    }

    @Test
    void aBatchThatChangesNothingStillChecksItsPoolAndLeavesItsVersion() {
        Setup setup = fixtures.subscribed(1, 3, 0);
        assertThat(report(setup, EventType.DESKTOP_OPENED, "100", "d-1").admitted()).isTrue();
        long version = version(setup);
        double redoneBefore = redone();

        // a second opening of the same session changes nothing: checked at the cached version, left there
        assertThat(report(setup, EventType.DESKTOP_OPENED, "100", "d-1").admitted()).isTrue();
        assertThat(version(setup)).isEqualTo(version);
        assertThat(redone()).isEqualTo(redoneBefore);
    }

    private Decision report(Setup setup, EventType type, String subject, String ref) {
        return phoneSystems.report(setup.instance(), new LicenceEvent(type, subject, ref, null, clock.instant()));
    }

    /** What another node's batch does: lock, load, apply, write the pool with its version raised, commit. */
    private void otherNodeApplies(Setup setup, EventType type, String subject, String ref) {
        UUID instance = setup.instance().value();
        tx.executeWithoutResult(status -> {
            PoolStore.PoolRow row = store.lock(Set.of(instance)).get(instance);
            LicencePool pool = store.load(row);
            pool.apply(new LicenceEvent(type, subject, ref, null, clock.instant()));
            changeWriter.write(List.of(new PoolStore.Written(row, pool, pool.drainChanges())));
        });
    }

    private long version(Setup setup) {
        return jdbc.queryForObject("select version from licence_pools where instance_id = ?", Long.class,
                setup.instance().value());
    }

    private List<String> holders(Setup setup) {
        return jdbc.queryForList("select subject from licence_holders where instance_id = ?", String.class,
                setup.instance().value());
    }

    private double redone() {
        return registry.counter("licence.batch.redone").count();
    }
}
