package org.switchboard.simulation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The application's clock while a simulation runs (profile {@code simulation} only): it stands
 * where the simulation set it. Never in a normal start.
 */
final class SimulationClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;

    SimulationClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
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
