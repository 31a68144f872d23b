package org.switchboard.platform;

import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The threads of background work, declared here because Spring Boot's own back off as soon as
 * any module declares an executor bean (the SIP core's timers do): without these, every
 * asynchronous event listener (those of a running invoice run, for example) ran on a thread
 * started for it alone, as many at once as events came, and the {@code @Scheduled} jobs (the
 * monthly invoice run among them, for its whole length) ran on the SIP core's two timer threads,
 * holding up its registration expiry and call-record hand-over.
 */
@Configuration(proxyBeanMethods = false)
class TaskThreadsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TaskThreadsConfiguration.class);

    /**
     * Asynchronous event listeners (the module event registry's): a few threads, work queued. At a
     * stop, what is queued runs (up to 10 s), and so does what it publishes in turn until the
     * executor itself shuts down. A listener's event published after that is left for the next
     * start: its publication stays unfinished in the registry, which hands it out again then
     * ({@code spring.modulith.events.republish-outstanding-events-on-restart}), so it is logged,
     * not raised as an error in the listener that published it.
     */
    @Bean(name = { "applicationTaskExecutor", "taskExecutor" })
    ThreadPoolTaskExecutor applicationTaskExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(4);
        executor.setThreadNamePrefix("task-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        executor.setAcceptTasksAfterContextClose(true);
        executor.setRejectedExecutionHandler(leftForNextStart());
        return executor;
    }

    /** Refuses work only while running (the queue is unbounded, so never in practice); at a stop, leaves it. */
    static RejectedExecutionHandler leftForNextStart() {
        RejectedExecutionHandler abort = new ThreadPoolExecutor.AbortPolicy();
        return (task, pool) -> {
            if (!pool.isShutdown()) {
                abort.rejectedExecution(task, pool);
            }
            log.info("Stopping: an event published during the stop is left for the next start");
        };
    }

    /** {@code @Scheduled} jobs, on threads of their own. */
    @Bean
    ThreadPoolTaskScheduler taskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("scheduling-");
        return scheduler;
    }
}
