package org.switchboard.simulation.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.simulation.Simulation;
import org.switchboard.simulation.SimulationReport;
import org.switchboard.simulation.SimulationSettings;

/**
 * The command (profile {@code simulation}): plays the period the arguments name on the configured
 * database, prints the report and exits 0 when it reconciled, 1 on a mismatch, 2 on bad
 * arguments or a database that holds data it did not create.
 */
@Configuration(proxyBeanMethods = false)
@Profile("simulation")
class SimulationCommand {

    private static final Logger log = LoggerFactory.getLogger(SimulationCommand.class);

    /** Spring's own settings, which may stand on the same command line. */
    private static final List<String> SPRING_PREFIXES = List.of("--spring.", "--server.", "--switchboard.",
            "--logging.", "--management.", "--debug", "--trace");

    @Bean
    @Primary
    SimulationClock simulationClock(@Value("${switchboard.time-zone:Europe/Berlin}") String zone) {
        return new SimulationClock(Clock.systemUTC().instant(), ZoneId.of(zone));
    }

    /**
     * Every account the simulation creates has the same password, so it is hashed once and the
     * hash reused (a salted hash at full cost each time would be about a tenth of a second per
     * partner and customer). Only in this profile, whose database is the simulation's own.
     */
    @Bean
    @Primary
    PasswordEncoder simulationPasswordEncoder(@Qualifier("passwordEncoder") PasswordEncoder encoder) {
        java.util.Map<String, String> hashes = new java.util.concurrent.ConcurrentHashMap<>();
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return hashes.computeIfAbsent(raw.toString(), encoder::encode);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return encoder.matches(raw, encoded);
            }

            @Override
            public boolean upgradeEncoding(String encoded) {
                return encoder.upgradeEncoding(encoded);
            }
        };
    }

    @Bean
    ApplicationRunner simulationRunner(Simulation simulation, SimulationClock clock,
            ConfigurableApplicationContext context) {
        return (ApplicationArguments arguments) -> {
            List<String> own = Arrays.stream(arguments.getSourceArgs())
                    .filter(a -> SPRING_PREFIXES.stream().noneMatch(a::startsWith)).toList();
            int code;
            try {
                SimulationSettings settings = SimulationSettings.parse(own, LocalDate.now(clock));
                java.time.YearMonth first = simulation.firstMonthForSale().orElse(settings.from());
                if (own.stream().noneMatch(a -> a.startsWith("--from")) && settings.from().isBefore(first)) {
                    // The default period, shortened to the months in which anything could be sold.
                    settings = new SimulationSettings(first, settings.to(), settings.partners(), settings.customers(),
                            settings.seed(), settings.workdaysPerMonth(), settings.allowExistingData(),
                            settings.founders());
                }
                SimulationReport report = simulation.run(settings, clock::set);
                System.out.println(report.text());
                code = report.reconciled() ? 0 : 1;
            } catch (InvalidInputException | ConflictException e) {
                System.err.println("simulation: " + e.getMessage());
                code = 2;
            }
            int exit = code;
            log.info("Simulation command ends with {}", exit);
            System.exit(SpringApplication.exit(context, () -> exit));
        };
    }
}
