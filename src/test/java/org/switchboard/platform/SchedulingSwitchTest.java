package org.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * {@code switchboard.scheduling.enabled=false} leaves no {@code @Scheduled} job running, even with
 * a library on the class path that enables scheduling itself (Spring Modulith's moments, with its
 * own switch left on here on purpose).
 */
class SchedulingSwitchTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(moments()))
            .withUserConfiguration(SchedulingConfiguration.class, TaskThreadsConfiguration.class)
            .withBean(Job.class);

    @Test
    void switchedOffNoJobRuns() {
        context.withPropertyValues("switchboard.scheduling.enabled=false", "spring.modulith.moments.enabled=true")
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    assertThat(app.getBeansOfType(ScheduledTaskHolder.class)).isEmpty();
                    assertThat(app.getBean(Job.class).ran.await(300, TimeUnit.MILLISECONDS)).isFalse();
                });
    }

    @Test
    void onByDefaultTheJobsRun() {
        context.run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app.getBean(Job.class).ran.await(5, TimeUnit.SECONDS)).isTrue();
        });
    }

    /** Spring Modulith's moments auto-configuration (not public), which enables scheduling. */
    private static Class<?> moments() {
        try {
            return Class.forName("org.springframework.modulith.moments.autoconfigure.MomentsAutoConfiguration");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static class Job {
        final CountDownLatch ran = new CountDownLatch(1);

        @Scheduled(fixedDelay = 50)
        void tick() {
            ran.countDown();
        }
    }
}
