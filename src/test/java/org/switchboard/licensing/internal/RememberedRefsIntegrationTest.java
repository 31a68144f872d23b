package org.switchboard.licensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.connector.Verdict;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.LicencePolicy;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.testing.IntegrationTestBase;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The writer's pools keep ended and refused refs in memory for minutes only
 * ({@code switchboard.licensing.refs-in-memory}, 15 minutes by default); a repeated event (sent
 * again as it was, with its own time) after that, or after the pool was loaded anew, is answered
 * from what {@code licence_refs} keeps for a day, exactly as the first time, and changes nothing.
 * A call's start whose ref the pool does not know is not looked up: the batch's write inserts its
 * ref only where no row of it is stored, and does the batch again with the ref read back if one is.
 */
@ExtendWith(ScheduledReclaimHeld.class)
class RememberedRefsIntegrationTest extends IntegrationTestBase {

    @Autowired
    PhoneSystemPort phoneSystems;

    @Autowired
    LicensingFixtures fixtures;

    @Autowired
    LicenceWriter writer;

    @Autowired
    PoolStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry registry;

    @Autowired
    TransactionTemplate tx;

    @Test
    void aRepeatedEventAfterTheRefLeftMemoryIsAnsweredAsTheFirstTimeAndChangesNothing() {
        InstanceId instance = fixtures.subscribed(1, 3, 0).instance();
        Instant first = clock.instant(); // the time the repeated events carry, as sent the first time
        LicenceDevice desk = new LicenceDevice("desk-100", "Desk phone 100");
        assertThat(report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-1", desk).verdict())
                .isEqualTo(Verdict.ADMITTED);
        assertThat(report(instance, EventType.CALL_ENDED, "100", "c-1", null).verdict()).isEqualTo(Verdict.RELEASED);
        assertThat(report(instance, EventType.DESKTOP_OPENED, "101", "d-1", desk).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(report(instance, EventType.OUTBOUND_CALL_STARTED, "102", "c-2", null).verdict())
                .isEqualTo(Verdict.CALL_REFUSED);
        assertThat(report(instance, EventType.DESKTOP_CLOSED, "101", "d-1", null).verdict()).isEqualTo(Verdict.RELEASED);
        LicenceDevice phone = new LicenceDevice("app-100", "iPhone (mobile app)");
        assertThat(report(instance, EventType.MOBILE_PAIRED, "100", "m-1", phone).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(report(instance, EventType.MOBILE_UNPAIRED, "100", "m-1", null).verdict())
                .isEqualTo(Verdict.RELEASED);
        // within the window, from memory
        assertThat(report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-1", null).verdict())
                .isEqualTo(Verdict.ENDED_BEFORE);
        long history = history(instance);
        double recalled = recalled();

        clock.advance(Duration.ofMinutes(31)); // past the window: the pool lets go of them at its next batch
        assertThat(report(instance, EventType.DESKTOP_HEARTBEAT, "101", "d-1", null, first).verdict())
                .isEqualTo(Verdict.SESSION_WITHOUT_LICENCE);
        assertThat(recalled()).isEqualTo(recalled); // a heartbeat needs no look-up
        assertThat(report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-1", null, first).verdict())
                .isEqualTo(Verdict.ENDED_BEFORE);
        assertThat(recalled()).isEqualTo(recalled + 1);
        assertThat(report(instance, EventType.CALL_ENDED, "100", "c-1", null, first).verdict()).isEqualTo(Verdict.NOTHING_HELD);
        // refused stays refused, though the pool has room now
        assertThat(report(instance, EventType.OUTBOUND_CALL_STARTED, "102", "c-2", null, first).verdict())
                .isEqualTo(Verdict.CALL_REFUSED);
        assertThatThrownBy(() -> report(instance, EventType.OUTBOUND_CALL_STARTED, "101", "c-1", null, first))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("belongs to extension 100");
        assertThat(report(instance, EventType.DESKTOP_OPENED, "101", "d-1", null, first).verdict())
                .isEqualTo(Verdict.ENDED_BEFORE);
        assertThat(report(instance, EventType.MOBILE_UNPAIRED, "100", "m-1", null, first).verdict())
                .isEqualTo(Verdict.NOTHING_HELD);
        assertThat(history(instance)).isEqualTo(history);
        assertThat(occupied(instance)).isZero();
        assertThat(state(instance, "c-1")).isEqualTo("ENDED");
        assertThat(state(instance, "c-2")).isEqualTo("REFUSED");

        // a mobile device may pair again: from the device it had, as if the pool had kept it
        assertThat(report(instance, EventType.MOBILE_PAIRED, "100", "m-1", null).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(jdbc.queryForObject("select device_name from licence_refs where instance_id = ? and ref = 'm-1'",
                String.class, instance.value())).isEqualTo("iPhone (mobile app)");
        assertThat(jdbc.queryForObject("select device_name from licence_history where instance_id = ? and ref = 'm-1'"
                + " order by id desc limit 1", String.class, instance.value())).isEqualTo("iPhone (mobile app)");
    }

    @Test
    void aNewCallIsNotLookedUpAndItsStartRepeatedAfterThePoolLetGoOfItIsCaughtByTheWrite() {
        InstanceId instance = fixtures.subscribed(1, 3, 0).instance();
        report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-warm", null); // the pool is cached from here
        report(instance, EventType.CALL_ENDED, "100", "c-warm", null);
        long lookups = lookups();
        double redone = redone();

        assertThat(report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-new", null).verdict())
                .isEqualTo(Verdict.ADMITTED);
        assertThat(report(instance, EventType.CALL_ENDED, "100", "c-new", null).verdict()).isEqualTo(Verdict.RELEASED);
        assertThat(lookups()).as("a new call needs no look-up").isEqualTo(lookups);
        assertThat(redone()).isEqualTo(redone);

        // the same start sent again with its own time, once the pool let go of its ref: the write
        // finds the ref stored, and the batch is done again with the ref read back
        Instant sent = clock.instant();
        clock.advance(Duration.ofMinutes(31));
        long history = history(instance);
        assertThat(report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-new", null, sent).verdict())
                .isEqualTo(Verdict.ENDED_BEFORE);
        assertThat(lookups()).isEqualTo(lookups + 1);
        assertThat(redone()).isEqualTo(redone + 1);
        assertThat(history(instance)).isEqualTo(history);
        assertThat(state(instance, "c-new")).isEqualTo("ENDED");
        assertThat(occupied(instance)).isZero();
        // a desktop session's ref starts again by design: always looked up when not known
        assertThat(report(instance, EventType.DESKTOP_OPENED, "101", "d-new", null).verdict())
                .isEqualTo(Verdict.ADMITTED);
        assertThat(lookups()).isEqualTo(lookups + 2);
        assertThat(redone()).isEqualTo(redone + 1);
    }

    @Test
    void aCallIdStoredMoreThanADayAgoAndNotYetDeletedIsANewCall() {
        InstanceId instance = fixtures.subscribed(1, 3, 0).instance();
        report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-warm", null); // the pool is cached from here
        report(instance, EventType.CALL_ENDED, "100", "c-warm", null);
        Timestamp dayAndHourAgo = Timestamp.from(clock.instant().minus(Duration.ofHours(25)));
        jdbc.update("""
                insert into licence_refs (instance_id, customer_id, reason, ref, subject, state, emergency, since, last_seen)
                select instance_id, customer_id, 'OUTBOUND_CALL', 'c-old', '100', 'ENDED', false, ?, ?
                from licence_pools where instance_id = ?""", dayAndHourAgo, dayAndHourAgo, instance.value());
        double redone = redone();

        assertThat(report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-old", null).verdict())
                .isEqualTo(Verdict.ADMITTED);
        assertThat(redone()).as("the write found the old row, the batch done again").isEqualTo(redone + 1);
        assertThat(state(instance, "c-old")).isEqualTo("HELD");
        assertThat(occupied(instance)).isEqualTo(1);
        assertThat(report(instance, EventType.CALL_ENDED, "100", "c-old", null).verdict()).isEqualTo(Verdict.RELEASED);
        assertThat(occupied(instance)).isZero();
    }

    @Test
    void aPoolLoadedAnewKnowsItsHeldRefsAndReadsBackTheEndedOnesAnEventNames() {
        InstanceId instance = fixtures.subscribed(1, 2, 0).instance();
        report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-1", null);
        report(instance, EventType.CALL_ENDED, "100", "c-1", null);
        report(instance, EventType.DESKTOP_OPENED, "100", "d-1", null);
        long history = history(instance);

        writer.stop(); // as a restart: the cached pools are gone, each is loaded at its next batch
        writer.start();
        assertThat(report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-1", null).verdict())
                .isEqualTo(Verdict.ENDED_BEFORE);
        assertThat(report(instance, EventType.DESKTOP_OPENED, "100", "d-1", null).verdict())
                .isEqualTo(Verdict.ADMITTED); // held: answered as the first time
        assertThat(report(instance, EventType.DESKTOP_OPENED, "101", "d-2", null).verdict())
                .isEqualTo(Verdict.DESKTOP_REFUSED); // the held session still counts
        assertThat(history(instance)).isEqualTo(history + 1);
    }

    @Test
    void afterADayTheStoredRefIsForgottenAndTheRefIsNewAgain() {
        InstanceId instance = fixtures.subscribed(1, 1, 0).instance();
        report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-old", null);
        report(instance, EventType.CALL_ENDED, "100", "c-old", null);
        clock.advance(Duration.ofMinutes(31));
        report(instance, EventType.OUTBOUND_CALL_STARTED, "100", "c-new", null);
        report(instance, EventType.CALL_ENDED, "100", "c-new", null);

        // what the reclaim job does with the clock a day later, for refs last seen before the cut-off
        int forgotten = store.forgetRefs(clock.instant().minus(Duration.ofMinutes(5)));
        assertThat(forgotten).isPositive();
        assertThat(state(instance, "c-old")).isNull();
        assertThat(state(instance, "c-new")).isEqualTo("ENDED");
        assertThat(LicencePolicy.REF_MEMORY).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void theLookUpFindsEachRefThroughTheTablesKey() {
        // as in the writer's batch: planned once per connection, with the arrays' lengths unknown
        String plan = tx.execute(status -> {
            jdbc.queryForList(PoolStore.ONE_PLAN);
            jdbc.execute("prepare licence_recall as " + RecalledRefs.RECALL.replaceFirst("\\?", "\\$1")
                    .replaceFirst("\\?", "\\$2").replaceFirst("\\?", "\\$3"));
            try {
                return String.join("\n", jdbc.queryForList("explain execute licence_recall(null, null, null)",
                        String.class));
            } finally {
                jdbc.execute("deallocate licence_recall");
            }
        });
        assertThat(plan).containsPattern("Index Scan using licence_refs_pkey on licence_refs").doesNotContain("Seq Scan");
    }

    private Decision report(InstanceId instance, EventType type, String subject, String ref, LicenceDevice device) {
        return report(instance, type, subject, ref, device, clock.instant());
    }

    private Decision report(InstanceId instance, EventType type, String subject, String ref, LicenceDevice device,
            Instant at) {
        String destination = type == EventType.OUTBOUND_CALL_STARTED ? "+4930123456" : null;
        return phoneSystems.report(instance, new LicenceEvent(type, subject, ref, destination, at, device));
    }

    private long history(InstanceId instance) {
        return jdbc.queryForObject("select count(*) from licence_history where instance_id = ?", Long.class,
                instance.value());
    }

    private int occupied(InstanceId instance) {
        return jdbc.queryForObject("select occupied from licence_pools where instance_id = ?", Integer.class,
                instance.value());
    }

    private String state(InstanceId instance, String ref) {
        return jdbc.query("select state from licence_refs where instance_id = ? and ref = ?",
                rs -> rs.next() ? rs.getString(1) : null, instance.value(), ref);
    }

    private long lookups() {
        return registry.get("licence.refs.lookups").timer().count();
    }

    private double redone() {
        return registry.get("licence.batch.redone").counter().count();
    }

    private double recalled() {
        return registry.get("licence.refs.recalled").counter().count();
    }

}
