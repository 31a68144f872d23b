package org.switchboard.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background jobs (mail delivery, and later trial expiry and invoice runs); tests may switch them off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "switchboard.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
