package org.switchboard.phone.internal;

import java.time.Duration;

import org.switchboard.platform.GrowingDelay;

/**
 * How attempts around pairing codes slow down. A code has 40 bits and lives ten minutes, so
 * guessing is bounded from both sides: a source address that sends wrong codes waits longer and
 * longer before its next try, and an employee asks for a limited number of new codes (each new
 * code retires the employee's older unused ones, so at most one is ever live per employee). Each
 * scope slows down by the platform's {@link GrowingDelay}: its first attempts are free, each further
 * one doubles the wait, up to a ceiling; counts are forgotten after {@link #FORGET_AFTER} without a
 * counted attempt.
 */
public enum PairingThrottlePolicy {

    /** Wrong, used or expired codes sent from one source address (an office shares one: generous). */
    ADDRESS(10, Duration.ofSeconds(5), Duration.ofMinutes(15)),
    /** New codes asked for by one employee. */
    EMPLOYEE(5, Duration.ofSeconds(30), Duration.ofMinutes(10));

    public static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final int free;
    private final Duration firstWait;
    private final Duration longestWait;

    PairingThrottlePolicy(int free, Duration firstWait, Duration longestWait) {
        this.free = free;
        this.firstWait = firstWait;
        this.longestWait = longestWait;
    }

    public int free() {
        return free;
    }

    /** This scope's growing delay, the platform's one rule of throttles. */
    public GrowingDelay rule() {
        return new GrowingDelay(free, firstWait, longestWait, FORGET_AFTER);
    }

    /** How long the next attempt waits after {@code attempts} counted ones; zero while they are free. */
    public Duration waitAfter(int attempts) {
        return rule().after(attempts);
    }
}
