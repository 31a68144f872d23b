package org.switchboard.platform;

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

    /** Asynchronous event listeners (the module event registry's): a few threads, work queued. */
    @Bean(name = { "applicationTaskExecutor", "taskExecutor" })
    ThreadPoolTaskExecutor applicationTaskExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(4);
        executor.setThreadNamePrefix("task-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
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
