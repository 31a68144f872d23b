package org.switchboard.simulation.internal;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * With demo data and the demo year on (the defaults), the application's clock is one the demo
 * year can set: it follows the system's time, except while the year is played on the first start.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!simulation")
@ConditionalOnExpression("${switchboard.demo.enabled:true} and ${switchboard.demo.year.enabled:true}")
class DemoYearConfiguration {

    @Bean
    @Primary
    SimulationClock demoYearClock(@Value("${switchboard.time-zone:Europe/Berlin}") String zone) {
        return SimulationClock.following(ZoneId.of(zone));
    }

    @Bean
    DemoYear demoYear(SimulationService simulation, SimulationClock clock, EventsSettled settled,
            @Value("${switchboard.demo.year.partners:6}") int partners,
            @Value("${switchboard.demo.year.customers:14}") int customers,
            @Value("${switchboard.demo.year.workdays-per-month:1}") int workdays) {
        return new DemoYear(simulation, clock, settled, partners, customers, workdays);
    }
}
