package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.telephony.SipSettings;
import org.switchboard.telephony.TelephonyFixtures;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The concurrent outbound cap per instance counts this node's calls in flight, not only the rows
 * written: calls set up within the same milliseconds cannot pass it together, and calls of other
 * nodes (rows only) count too.
 */
class ConcurrentOutboundCapIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;
    @Autowired
    CallLog callLog;
    @Autowired
    OpenCountries countries;
    @Autowired
    Tenants tenants;

    /** Guards with a cap of {@code cap} calls at once (the operator's settings stay as they are). */
    private FraudGuards guards(int cap, OutboundInFlight inFlight) {
        SipSettings.Fraud fraud = new SipSettings.Fraud(null, null, 100, cap, 0, null, null, null, null, null, null, null);
        OperatorSipSettings settings = new OperatorSipSettings(null, null, null, null) {
            @Override
            public SipSettings.Fraud fraud() {
                return fraud;
            }
        };
        return new FraudGuards(settings, callLog, countries, null, inFlight);
    }

    @Test
    void callsSetUpAtTheSameMomentCannotPassTheCapTogetherAndAPlaceFreedIsTakenAgain() throws Exception {
        Setup setup = fixtures.instance(20, 1, 0);
        Tenant tenant = tenants.of(setup.instance()).orElseThrow();
        OutboundInFlight inFlight = new OutboundInFlight();
        FraudGuards guards = guards(3, inFlight);
        Instant now = clock.instant();

        // eight calls at once; none of them has a row yet (the call log writes with group commit)
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Optional<SipMessage>>> answers = new ArrayList<>();
        List<String> callIds = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String callId = "cap-" + i + "-" + UUID.randomUUID();
                callIds.add(callId);
                Callable<Optional<SipMessage>> check = () -> guards.check(tenant, invite(callId), "100",
                        UUID.randomUUID(), "+4930123456" + callIds.indexOf(callId), now);
                answers.add(pool.submit(check));
            }
            List<Integer> admitted = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Optional<SipMessage> refusal = answers.get(i).get();
                if (refusal.isEmpty()) {
                    admitted.add(i);
                } else {
                    assertThat(refusal.get().status()).isEqualTo(403);
                    assertThat(refusal.get().headerOrNull("Warning")).contains("calls to the public network at once");
                }
            }
            assertThat(admitted).as("three places, eight calls at once").hasSize(3);
            assertThat(inFlight.count(tenant.id())).isEqualTo(3);

            // one of them ends (or is refused by the licence after the guards): its place is free again
            inFlight.release(tenant.id(), callIds.get(admitted.get(0)));
            assertThat(guards.check(tenant, invite("cap-next"), "100", UUID.randomUUID(), "+4930999001", now))
                    .isEmpty();
            assertThat(guards.check(tenant, invite("cap-over"), "100", UUID.randomUUID(), "+4930999002", now))
                    .isPresent();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void liveCallsOfOtherNodesCountFromTheirRowsAndThisNodesOwnRowsAreNotCountedTwice() {
        Setup setup = fixtures.instance(20, 1, 0);
        Tenant tenant = tenants.of(setup.instance()).orElseThrow();
        OutboundInFlight inFlight = new OutboundInFlight();
        FraudGuards guards = guards(3, inFlight);
        Instant now = clock.instant();
        // a call another node set up: its row only
        callLog.started(new CallRow(tenant.id(), "other-node-" + UUID.randomUUID(), tenant.customerId(), "101", "101",
                "+4989123456", Direction.OUTBOUND, CallRecord.PLATFORM_TRUNK, true, now, null, null, null, null));

        assertThat(guards.check(tenant, invite("mine-1"), "100", UUID.randomUUID(), "+4930555001", now)).isEmpty();
        // this node's call gets its row too: counted once, from memory
        callLog.started(new CallRow(tenant.id(), "mine-1", tenant.customerId(), "100", "100", "+4930555001",
                Direction.OUTBOUND, CallRecord.PLATFORM_TRUNK, true, now, null, null, null, null));
        assertThat(guards.check(tenant, invite("mine-2"), "100", UUID.randomUUID(), "+4930555002", now)).isEmpty();
        assertThat(guards.check(tenant, invite("mine-3"), "100", UUID.randomUUID(), "+4930555003", now))
                .as("the other node's call, mine-1 and mine-2 fill the three places").isPresent();
    }

    private static SipMessage invite(String callId) {
        return SipMessage.request("INVITE", "sip:+4930123456@cap.sip.localhost")
                .add("Via", "SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK" + callId)
                .add("From", "<sip:100@cap.sip.localhost>;tag=1").add("To", "<sip:+4930123456@cap.sip.localhost>")
                .add("Call-ID", callId).add("CSeq", "1 INVITE");
    }
}
