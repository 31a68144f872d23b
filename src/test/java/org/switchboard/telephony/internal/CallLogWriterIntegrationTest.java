package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.telephony.TelephonyFixtures;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The call log's group commit against the database: a call shorter than the linger is one row
 * inserted whole with its answer and end, though other calls' ends commit meanwhile; an answer and
 * an end that come in one batch are written as one row update; the end's answer tells whether it
 * ended the call.
 */
class CallLogWriterIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    CallLog callLog;

    private CallLogWriter writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop();
        }
    }

    private CallLogWriter writer(Duration linger) {
        writer = new CallLogWriter(jdbc, tx, linger);
        writer.start();
        return writer;
    }

    private static CallRow call(InstanceId instance, Setup setup, String callId, Instant at) {
        return new CallRow(instance, callId, setup.customer().id().value(), "100", "100", "144", Direction.INTERNAL,
                "internal", true, at, null, null, null, null);
    }

    private Optional<CallRow> row(InstanceId instance, String callId) {
        return callLog.liveOf(instance).stream().filter(r -> r.callId().equals(callId)).findFirst()
                .or(() -> callLog.history(instance, null, 100).stream().filter(r -> r.callId().equals(callId))
                        .findFirst());
    }

    /**
     * The command within its transaction that wrote the row's current version: 0 when that
     * transaction's first statement wrote it, 1 when its second did (an answer's update, then the
     * end's).
     */
    private int command(InstanceId instance, String callId) {
        return jdbc.queryForObject("select cmin::text::int from sip_calls where instance_id = ? and call_id = ?",
                Integer.class, instance.value(), callId);
    }

    @Test
    void aShortCallIsOneRowInsertedWholeThoughAnotherCallsEndCommitsMeanwhile() throws Exception {
        Setup setup = fixtures.instance(5, 1, 0);
        InstanceId instance = setup.instance();
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String earlier = "earlier-" + UUID.randomUUID();
        String shortCall = "short-" + UUID.randomUUID();
        CallLogWriter w = writer(Duration.ofSeconds(5));
        w.started(call(instance, setup, earlier, t0));
        assertThat(w.ended(instance, earlier, t0.plusSeconds(1), "BYE").get(10, TimeUnit.SECONDS)).isTrue();

        w.started(call(instance, setup, shortCall, t0.plusSeconds(2)));
        w.answered(instance, shortCall, t0.plusSeconds(3));
        String other = "other-" + UUID.randomUUID();
        w.started(call(instance, setup, other, t0));
        // the other call's end commits; the short call's start and answer stay queued
        assertThat(w.ended(instance, other, t0.plusSeconds(4), "BYE").get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(row(instance, shortCall)).isEmpty();

        assertThat(w.ended(instance, shortCall, t0.plusSeconds(5), "BYE").get(10, TimeUnit.SECONDS)).isTrue();
        CallRow written = row(instance, shortCall).orElseThrow();
        assertThat(written.startedAt()).isEqualTo(t0.plusSeconds(2));
        assertThat(written.answeredAt()).isEqualTo(t0.plusSeconds(3));
        assertThat(written.endedAt()).isEqualTo(t0.plusSeconds(5));
        assertThat(written.endReason()).isEqualTo("BYE");
        assertThat(written.recordedAt()).isEqualTo(t0.plusSeconds(5)); // internal: nothing for billing
        // a second end of the same call ends nothing
        assertThat(w.ended(instance, shortCall, t0.plusSeconds(6), "BYE").get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void anAnswerAndAnEndInOneBatchAreOneRowUpdate() throws Exception {
        Setup setup = fixtures.instance(5, 1, 0);
        InstanceId instance = setup.instance();
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String callId = "long-" + UUID.randomUUID();
        CallLogWriter w = writer(Duration.ofMillis(100));
        w.started(call(instance, setup, callId, t0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (row(instance, callId).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // written a linger later, nobody waiting for it
        }
        assertThat(row(instance, callId)).isPresent();

        // queued together: the end, waited for, takes the answer with it in one batch
        w.answered(instance, callId, t0.plusSeconds(1));
        assertThat(w.ended(instance, callId, t0.plusSeconds(3), "BYE").get(10, TimeUnit.SECONDS)).isTrue();
        CallRow written = row(instance, callId).orElseThrow();
        assertThat(written.answeredAt()).isEqualTo(t0.plusSeconds(1));
        assertThat(written.endedAt()).isEqualTo(t0.plusSeconds(3));
        assertThat(written.endReason()).isEqualTo("BYE");
        assertThat(command(instance, callId)).isZero(); // one statement wrote both

        // an answer after the end changes nothing, an end of an answered call keeps its answer
        String answeredBefore = "answered-" + UUID.randomUUID();
        w.started(call(instance, setup, answeredBefore, t0));
        w.answered(instance, answeredBefore, t0.plusSeconds(1));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (row(instance, answeredBefore).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        w.answered(instance, answeredBefore, t0.plusSeconds(2));
        assertThat(w.ended(instance, answeredBefore, t0.plusSeconds(3), "BYE").get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(row(instance, answeredBefore).orElseThrow().answeredAt()).isEqualTo(t0.plusSeconds(1));
    }
}
