package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.IntegrationTestBase;

/**
 * Events a phone system does not wait for (a call's end, a call received) keep their place in the
 * instance's order: on a full pool, a call placed right after another's end, without waiting for
 * that end to be stored, is admitted with the licence it gave back.
 */
class ReleaseWithoutWaitingIntegrationTest extends IntegrationTestBase {

    @Autowired
    LicensingFixtures fixtures;

    @Autowired
    PhoneSystemPort port;

    @Test
    void aCallPlacedRightAfterAnUnwaitedEndIsDecidedWithTheLicenceFree() throws Exception {
        Setup setup = fixtures.subscribed(1, 2, 0);
        List<CompletionStage<Decision>> ends = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            String caller = round % 2 == 0 ? "100" : "101";
            Decision started = port.report(setup.instance(),
                    new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, caller, "call-" + round, "0991123456", clock.instant()));
            assertThat(started.admitted()).as("call %d, placed right after the last one's end", round).isTrue();
            assertThat(started.occupied()).isEqualTo(1);
            ends.add(port.reportLater(setup.instance(),
                    new LicenceEvent(EventType.CALL_ENDED, caller, "call-" + round, null, clock.instant())));
        }
        for (CompletionStage<Decision> end : ends) {
            Decision released = end.toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(released.occupied()).isZero();
        }
        // a call received is recorded without being waited for, and never holds a licence
        Decision received = port.reportLater(setup.instance(),
                new LicenceEvent(EventType.INBOUND_CALL, "100", "in-1", "+49991555", clock.instant()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(received.admitted()).isTrue();
        assertThat(received.occupied()).isZero();
    }

    @Test
    void anEventOutOfTimeFailsItsStageAsReportWouldThrow() {
        Setup setup = fixtures.subscribed(1, 1, 0);
        CompletionStage<Decision> late = port.reportLater(setup.instance(), new LicenceEvent(EventType.CALL_ENDED, "100",
                "old", null, clock.instant().minusSeconds(7200)));
        assertThat(late.toCompletableFuture()).failsWithin(java.time.Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("at must lie between");
    }
}
