package org.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The event listeners' executor at a stop: a listener still running when the executor shuts down
 * may publish an event of its own; that work is left (for the registry to hand out at the next
 * start) instead of failing the listener with a rejection.
 */
class TaskThreadsStopTest {

    @Test
    void workSubmittedWhileStoppingIsLeftNotRaised() throws Exception {
        ThreadPoolTaskExecutor executor = new TaskThreadsConfiguration().applicationTaskExecutor();
        executor.initialize();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch stopping = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean followOnRan = new AtomicBoolean();
        CountDownLatch listenerDone = new CountDownLatch(1);
        executor.execute(() -> {
            running.countDown();
            try {
                stopping.await(5, TimeUnit.SECONDS);
                while (!executor.getThreadPoolExecutor().isShutdown()) {
                    Thread.sleep(5);
                }
                executor.submit(() -> followOnRan.set(true)); // the event this listener publishes
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                listenerDone.countDown();
            }
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(executor::destroy);
        stopper.start();
        stopping.countDown();
        assertThat(listenerDone.await(10, TimeUnit.SECONDS)).isTrue();
        stopper.join(15_000);
        assertThat(failure.get()).isNull();
        assertThat(followOnRan.get()).isFalse();
        assertThat(executor.getThreadPoolExecutor().isTerminated()).isTrue();
    }

    @Test
    void whileRunningWorkIsTaken() throws Exception {
        ThreadPoolTaskExecutor executor = new TaskThreadsConfiguration().applicationTaskExecutor();
        executor.initialize();
        try {
            CountDownLatch ran = new CountDownLatch(1);
            executor.execute(ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            executor.destroy();
        }
    }
}
