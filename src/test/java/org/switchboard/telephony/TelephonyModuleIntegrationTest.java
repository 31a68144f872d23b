package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.switchboard.connector.CallBatchResult;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.instances.InstanceDirectory;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.numbers.NumberRouting;
import org.switchboard.telephony.internal.CallLog;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.internal.CallRecordHandover;
import org.switchboard.testing.ModuleIntegrationTest;

/**
 * Telephony on its own, with the connector port, the instances and the subjects mocked: a call's
 * record is never lost while billing fails, and is handed over once when it works again.
 */
@ModuleIntegrationTest
@TestPropertySource(properties = { "switchboard.sip.port=0", "switchboard.sip.bind-address=127.0.0.1" })
class TelephonyModuleIntegrationTest {

    @MockitoBean
    PhoneSystemPort port;
    @MockitoBean
    InstanceManagement instances;
    @MockitoBean
    InstanceDirectory directory;
    @MockitoBean
    SubjectManagement subjects;
    @MockitoBean
    NumberRouting numbers;
    @MockitoBean
    org.switchboard.accounts.CustomerDirectory customers;
    @MockitoBean
    org.switchboard.mail.Outbox outbox;
    @MockitoBean
    org.switchboard.numbers.Trunks trunks;
    @MockitoBean
    org.switchboard.licensing.LicenceManagement licences; // the heartbeat timeout of desktop clients' registrations
    @MockitoBean
    TelephonyFixtures fixtures; // the whole application's fixture, not for this module alone

    @Autowired
    CallLog calls;
    @Autowired
    CallRecordHandover handover;
    @Autowired
    Clock clock;

    @Test
    void aCallRecordWaitsInTheCallLogWhileBillingFailsAndIsHandedOverOnceItWorks() throws Exception {
        InstanceId instance = InstanceId.random();
        Instant start = clock.instant();
        List<List<CallRecord>> taken = new ArrayList<>();
        boolean[] billingUp = { false };
        when(port.record(eq(instance), any())).thenAnswer(invocation -> {
            if (!billingUp[0]) {
                throw new IllegalStateException("billing is down");
            }
            List<CallRecord> batch = invocation.getArgument(1);
            taken.add(batch);
            return new CallBatchResult(batch.size(), batch.size(), 0, Map.of());
        });
        calls.started(new CallRow(instance, "call-1@test", UUID.randomUUID(), "100", "100", "+4930123456",
                Direction.OUTBOUND, CallRecord.PLATFORM_TRUNK, true, start, start.plusSeconds(5), null, null, null));
        calls.answered(instance, "call-1@test", start.plusSeconds(5));
        calls.ended(instance, "call-1@test", start.plusSeconds(65), "BYE_CALLER");

        Thread.sleep(2500); // the handover runs every second and fails each time
        assertThat(calls.history(instance, null, 10)).singleElement()
                .satisfies(c -> assertThat(c.recordedAt()).as("kept while billing fails").isNull());

        billingUp[0] = true;
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (calls.history(instance, null, 10).get(0).recordedAt() == null && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(calls.history(instance, null, 10).get(0).recordedAt()).isNotNull();
        Thread.sleep(1500);
        assertThat(handover.handOver()).as("nothing left to hand over").isZero();
        assertThat(taken).singleElement().satisfies(batch -> assertThat(batch).singleElement().satisfies(r -> {
            assertThat(r.callId()).isEqualTo("call-1@test");
            assertThat(r.to()).isEqualTo("+4930123456");
            assertThat(r.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(r.trunk()).isEqualTo("platform");
            assertThat(r.talkSeconds()).isEqualTo(60);
        }));
    }
}
