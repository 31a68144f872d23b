package org.switchboard.licensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A licence writer's queue: a reclaim round of hundreds of pools does not stand in front of the
 * events queued after it; each batch takes every event waiting and a few reclaims.
 */
class BatchQueueTest {

    private final BatchQueue<String> queue = new BatchQueue<>(1000, 256, 8, s -> s.startsWith("reclaim"));

    @Test
    void eventsQueuedBehindAReclaimRoundGoIntoTheNextBatchWithAFewOfTheReclaims() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            queue.offer("reclaim " + i);
        }
        queue.offer("event 1");
        queue.offer("event 2");

        List<String> batch = new ArrayList<>();
        queue.take(batch, 0);

        assertThat(batch).containsExactly("event 1", "event 2", "reclaim 0", "reclaim 1", "reclaim 2", "reclaim 3",
                "reclaim 4", "reclaim 5", "reclaim 6", "reclaim 7");
    }

    @Test
    void theReclaimsSetAsideFollowInTheirOrderBatchByBatchWithoutWaiting() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            queue.offer("reclaim " + i);
        }
        List<String> taken = new ArrayList<>();
        int batches = 0;
        while (!queue.isEmpty()) {
            List<String> batch = new ArrayList<>();
            queue.take(batch, 60_000); // never waits while reclaims are set aside
            assertThat(batch).hasSizeLessThanOrEqualTo(8);
            taken.addAll(batch);
            batches++;
        }
        assertThat(batches).isEqualTo(3);
        assertThat(taken).hasSize(20).startsWith("reclaim 0", "reclaim 1").endsWith("reclaim 19");
    }

    @Test
    void aBatchHoldsAtMostTheLargestBatchOfEventsInTheirOrder() throws InterruptedException {
        BatchQueue<String> small = new BatchQueue<>(1000, 3, 1, s -> s.startsWith("reclaim"));
        small.offer("event 1");
        small.offer("reclaim 1");
        small.offer("event 2");
        small.offer("event 3");
        small.offer("event 4");

        List<String> first = new ArrayList<>();
        small.take(first, 0);
        List<String> second = new ArrayList<>();
        small.take(second, 0);

        assertThat(first).containsExactly("event 1", "event 2", "event 3", "reclaim 1");
        assertThat(second).containsExactly("event 4");
        assertThat(small.isEmpty()).isTrue();
    }

    @Test
    void whileSeveralSendEventsABatchIsTakenAtMostEverySpacingWithWhatQueuedMeanwhile() throws InterruptedException {
        BatchQueue<String> spaced = new BatchQueue<>(1000, 256, 8, s -> false, 1_000_000_000L);
        spaced.offer("event 1");
        spaced.offer("event 2");
        List<String> first = new ArrayList<>();
        spaced.take(first, 0); // two at once: senders in parallel
        long firstTaken = System.nanoTime();
        spaced.offer("event 3");
        Thread sender = new Thread(() -> {
            while (!spaced.isEmpty()) { // until event 3 was taken
                Thread.onSpinWait();
            }
            spaced.offer("event 4");
        });
        sender.start();

        List<String> second = new ArrayList<>();
        spaced.take(second, 0);
        sender.join();

        assertThat(first).containsExactly("event 1", "event 2");
        assertThat(second).containsExactly("event 3", "event 4");
        assertThat(System.nanoTime() - firstTaken).isGreaterThan(900_000_000L);
    }

    @Test
    void aLoneSenderIsNotHeldBackByTheSpacing() throws InterruptedException {
        BatchQueue<String> spaced = new BatchQueue<>(1000, 256, 8, s -> false, 60_000_000_000L);
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            spaced.offer("event " + i);
            List<String> batch = new ArrayList<>();
            spaced.take(batch, 0);
            assertThat(batch).containsExactly("event " + i);
        }
        assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
    }

    @Test
    void withNothingQueuedTheSpacingMakesNoWait() throws InterruptedException {
        BatchQueue<String> spaced = new BatchQueue<>(1000, 256, 8, s -> false, 60_000_000_000L);
        spaced.offer("event 1");
        spaced.offer("event 2");
        spaced.take(new ArrayList<>(), 0);
        long started = System.nanoTime();
        List<String> batch = new ArrayList<>();
        spaced.take(batch, 1);
        assertThat(batch).isEmpty();
        assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
    }

    @Test
    void nothingQueuedAddsNothingAfterTheWait() throws InterruptedException {
        List<String> batch = new ArrayList<>();
        queue.take(batch, 1);
        assertThat(batch).isEmpty();
    }

    @Test
    void aBatchWithoutRoomIsRefused() {
        assertThatThrownBy(() -> new BatchQueue<String>(10, 0, 8, s -> false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchQueue<String>(10, 256, 0, s -> false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
