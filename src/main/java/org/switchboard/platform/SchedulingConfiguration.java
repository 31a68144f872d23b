package org.switchboard.platform;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * Background jobs (mail delivery, the invoice run, the licence reclaim, ...); switched off with
 * {@code switchboard.scheduling.enabled=false} (tests, benchmarks, the simulation).
 * <p>
 * Switching off takes more than not enabling scheduling here: a library may enable it on its own
 * (Spring Modulith's "moments" did, which is why the switch once left every job running). So when
 * the switch is off, the processor that finds and schedules {@code @Scheduled} methods is removed,
 * whoever registered it.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "switchboard.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class On {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "switchboard.scheduling.enabled", havingValue = "false")
    static class Off {

        @Bean
        static BeanFactoryPostProcessor noScheduledJobs() {
            return beanFactory -> {
                if (beanFactory instanceof BeanDefinitionRegistry registry && registry.containsBeanDefinition(
                        TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME)) {
                    registry.removeBeanDefinition(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
                }
            };
        }
    }
}
