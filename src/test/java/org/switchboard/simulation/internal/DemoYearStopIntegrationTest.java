package org.switchboard.simulation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.SwitchboardApplication;

/**
 * A first start stopped while its demo year plays (Ctrl-C a few seconds after the first start):
 * the year ends where it stands, and the log says so in one line, not as an error with a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoYearStopIntegrationTest {

    @Test
    void aStopWhileTheYearPlaysEndsItWithOneLineNotAnError(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class).run(
                "--switchboard.embedded-db.ephemeral=true", "--server.port=0", "--switchboard.sip.enabled=false",
                "--switchboard.demo.enabled=true", "--switchboard.demo.year.enabled=true",
                "--switchboard.demo.password=correct horse battery staple",
                "--switchboard.admin.email=operator@switchboard.test",
                "--switchboard.admin.password=correct horse battery staple", "--spring.main.banner-mode=off");
        DemoYear year = context.getBean(DemoYear.class);
        SimulationClock clock = context.getBean(SimulationClock.class);
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            // playing: a month invoiced, the clock standing in the past
            while (!output.getOut().contains("Simulation: ") && !year.over() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(year.over()).as("the year still plays when the stop comes").isFalse();
            assertThat(Duration.between(clock.instant(), Instant.now())).isGreaterThan(Duration.ofDays(20));
        } finally {
            context.close();
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!year.over() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }

        assertThat(year.over()).isTrue();
        assertThat(year.report()).as("not played to its end").isNull();
        assertThat(output.getOut()).contains("Demo year: ended by the platform's stop while ")
                .doesNotContain("Demo year: stopped by an error")
                .doesNotContain("Unexpected exception occurred invoking async method");
    }
}
