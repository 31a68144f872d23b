package org.switchboard.licensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.licensing.LicencePolicy;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.testing.IntegrationTestBase;

/**
 * A reclaim round asks the writer for hundreds of pools at once; an event that comes in behind it
 * is answered within the next batch, not after the whole round (whose batches take long when many
 * refs are released).
 */
class LicenceWriterReclaimIntegrationTest extends IntegrationTestBase {

    @Autowired
    LicenceWriter writer;

    @Autowired
    LicensingFixtures fixtures;

    @Test
    void anEventQueuedBehindAReclaimRoundIsAnsweredBeforeTheRoundIsOver() throws Exception {
        UUID instance = fixtures.subscribed(5, 5, 0).instance().value();
        List<CompletableFuture<Integer>> round = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            round.add(writer.reclaim(instance, clock.instant(), Duration.ofSeconds(90), Duration.ofHours(12),
                    clock.instant().minus(LicencePolicy.REF_MEMORY)));
        }
        AtomicInteger reclaimsLeftWhenAnswered = new AtomicInteger(-1);
        LicenceWriter.Answer<Decision> event = writer.submit(instance,
                new LicenceEvent(EventType.DESKTOP_OPENED, "100", "d-1", null, clock.instant(), null));
        event.thenRun(() -> reclaimsLeftWhenAnswered.set((int) round.stream().filter(r -> !r.isDone()).count()));

        assertThat(event.get(30, TimeUnit.SECONDS).admitted()).isTrue();
        CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        // A batch takes a few reclaims (8) beside its events: most of the round was still waiting.
        assertThat(reclaimsLeftWhenAnswered.get()).isGreaterThan(500);
    }
}
