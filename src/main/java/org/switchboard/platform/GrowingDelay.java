package org.switchboard.platform;

import java.time.Duration;
import java.time.Instant;

/**
 * The one rule of the throttles that slow down repeated failures (wrong passwords, wrong pairing
 * codes, failed SIP registrations): counted failures in a row cost nothing until the
 * {@code delayFrom}-th, which makes the next attempt wait {@code firstDelay}; each further failure
 * doubles the wait, never beyond {@code longestDelay}: a delay, never a lock. The count is forgotten
 * {@code forgetAfter} after the last failure. Where the counts are kept (a table, memory) and what
 * a success forgets is the throttle's own.
 */
public record GrowingDelay(int delayFrom, Duration firstDelay, Duration longestDelay, Duration forgetAfter) {

    /** Beyond this many doublings the wait is the longest anyway; keeps the arithmetic from overflowing. */
    private static final int MAX_DOUBLINGS = 30;

    public GrowingDelay {
        if (delayFrom < 1) {
            throw new IllegalArgumentException("delayFrom must be at least 1, not " + delayFrom);
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || longestDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("Delays must be positive, the longest at least the first: "
                    + firstDelay + ", " + longestDelay);
        }
        if (forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("forgetAfter must be positive, not " + forgetAfter);
        }
    }

    /** How long the next attempt waits after {@code failures} counted in a row; zero while they are free. */
    public Duration after(int failures) {
        if (failures < delayFrom) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - delayFrom, MAX_DOUBLINGS);
        try {
            Duration wait = firstDelay.multipliedBy(1L << doublings);
            return wait.compareTo(longestDelay) > 0 ? longestDelay : wait;
        } catch (ArithmeticException beyondAnyDuration) {
            return longestDelay;
        }
    }

    /** Failures before this instant are forgotten at {@code now}. */
    public Instant forgetBefore(Instant now) {
        return now.minus(forgetAfter);
    }

    /** Whether a count whose last failure was at {@code lastFailure} is forgotten at {@code now}. */
    public boolean forgotten(Instant lastFailure, Instant now) {
        return lastFailure.isBefore(forgetBefore(now));
    }
}
