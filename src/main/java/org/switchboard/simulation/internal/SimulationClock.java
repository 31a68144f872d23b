package org.switchboard.simulation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The application's clock while a simulation runs: it stands where the simulation set it. The
 * profile {@code simulation} has it standing from the start; a first start that plays the demo
 * year has it follow the system's time except while the year is played.
 */
final class SimulationClock extends Clock {

    /** Where the clock stands; null: it follows the system's time. */
    private volatile Instant now;
    private final ZoneId zone;

    SimulationClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** A clock that follows the system's time until it is set. */
    static SimulationClock following(ZoneId zone) {
        return new SimulationClock(null, zone);
    }

    void set(Instant instant) {
        now = instant;
    }

    /** Follows the system's time again. */
    void follow() {
        now = null;
    }

    @Override
    public Instant instant() {
        Instant at = now;
        return at == null ? Instant.now() : at;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new SimulationClock(now, other);
    }
}
