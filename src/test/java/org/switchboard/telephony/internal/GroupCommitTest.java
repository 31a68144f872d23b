package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit's batches: an item somebody waits for goes at once with what has queued up, but
 * items that may stay, younger than the linger and of another key, stay queued for a later batch;
 * what comes later for their key is written with them, in order.
 */
class GroupCommitTest {

    /** A call's step: key the call, waited for when it is its end. */
    record Item(String key, String what, CompletableFuture<Void> done) {
        static Item start(String key) {
            return new Item(key, "start", null);
        }

        static Item end(String key) {
            return new Item(key, "end", new CompletableFuture<>());
        }

        @Override
        public String toString() {
            return what + " " + key;
        }
    }

    static final class Recorder extends GroupCommit<Item> {
        final List<List<String>> batches = new ArrayList<>();
        final boolean stay;

        Recorder(Duration linger, boolean stay) {
            super("group-commit-test", 100, linger);
            this.stay = stay;
        }

        @Override
        boolean waitedFor(Item item) {
            return item.done() != null;
        }

        @Override
        boolean mayStay(Item item) {
            return stay && item.done() == null;
        }

        @Override
        Object key(Item item) {
            return item.key();
        }

        @Override
        void write(List<Item> batch) {
            synchronized (batches) {
                batches.add(batch.stream().map(Item::toString).toList());
            }
            batch.stream().filter(i -> i.done() != null).forEach(i -> i.done().complete(null));
        }

        @Override
        void failed(List<Item> batch, RuntimeException e) {
            throw e;
        }

        List<List<String>> batches() {
            synchronized (batches) {
                return List.copyOf(batches);
            }
        }

        void put(Item item) throws InterruptedException {
            super.put(item);
        }
    }

    private Recorder recorder;

    @AfterEach
    void stop() {
        if (recorder != null) {
            recorder.stop();
        }
    }

    @Test
    void aStartStaysQueuedPastAnotherCallsEndAndGoesWithItsOwnEnd() throws Exception {
        recorder = new Recorder(Duration.ofSeconds(5), true);
        recorder.start();
        recorder.put(Item.start("a"));
        Item endB = Item.end("b");
        recorder.put(endB);
        endB.done().get(2, TimeUnit.SECONDS);
        assertThat(recorder.batches()).containsExactly(List.of("end b"));

        Item endA = Item.end("a");
        recorder.put(endA);
        endA.done().get(2, TimeUnit.SECONDS);
        assertThat(recorder.batches()).containsExactly(List.of("end b"), List.of("start a", "end a"));
    }

    @Test
    void whatCannotStayGoesWithTheNextEndAsBefore() throws Exception {
        recorder = new Recorder(Duration.ofSeconds(5), false);
        recorder.start();
        recorder.put(Item.start("a"));
        Item endB = Item.end("b");
        recorder.put(endB);
        endB.done().get(2, TimeUnit.SECONDS);
        assertThat(recorder.batches()).containsExactly(List.of("start a", "end b"));
    }

    @Test
    void aStartThatStayedIsWrittenOnceALingerOldWithoutAnEnd() throws Exception {
        recorder = new Recorder(Duration.ofSeconds(1), true);
        recorder.start();
        long t0 = System.nanoTime();
        recorder.put(Item.start("a"));
        Item endB = Item.end("b");
        recorder.put(endB);
        recorder.put(Item.start("c")); // with the end's batch or after it: it stays either way, being young
        endB.done().get(2, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (recorder.batches().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long waited = System.nanoTime() - t0;
        // the start of a, a linger old, takes the start of c (younger) with it: one commit per linger at most
        assertThat(recorder.batches()).containsExactly(List.of("end b"), List.of("start a", "start c"));
        assertThat(waited).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void whatStaysIsWrittenAtTheStop() throws Exception {
        recorder = new Recorder(Duration.ofSeconds(30), true);
        recorder.start();
        recorder.put(Item.start("a"));
        Item endB = Item.end("b");
        recorder.put(endB);
        endB.done().get(2, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        Recorder stopped = recorder;
        recorder = null;
        stopped.stop();
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(stopped.batches()).containsExactly(List.of("end b"), List.of("start a"));
    }
}
