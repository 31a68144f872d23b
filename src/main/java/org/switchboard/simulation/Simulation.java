package org.switchboard.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Plays a period of the business through the application and reconciles what it made. The caller
 * moves the application's clock ({@code setClock}): the simulation profile's settable clock, or a
 * test's clock.
 */
public interface Simulation {

    /**
     * Plays the period and reconciles it.
     *
     * @throws org.switchboard.platform.ConflictException when the database holds partners or
     *         customers and the settings do not allow running on existing data
     */
    SimulationReport run(SimulationSettings settings, Consumer<Instant> setClock);

    /** The first whole month in which plan Basic has a price list in force: a period cannot start earlier. */
    java.util.Optional<java.time.YearMonth> firstMonthForSale();

    /** The last run's ledger reconciled again against what the database holds now. */
    SimulationReport reconcileAgain();

    /** How long a run took, for the log. */
    static String seconds(Duration d) {
        return String.format(java.util.Locale.ENGLISH, "%.1f s", d.toMillis() / 1000.0);
    }
}
