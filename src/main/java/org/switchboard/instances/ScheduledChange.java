package org.switchboard.instances;

import java.time.Instant;

import org.switchboard.catalog.Plan;

/** A change asked for now and applied at the term end: a downgrade to a plan and count, or the cancellation. */
public record ScheduledChange(Kind kind, Plan plan, int concurrentUsers, Instant effectiveAt, Instant requestedAt) {

    public enum Kind { DOWNGRADE, CANCELLATION }

    public static ScheduledChange downgrade(Plan plan, int concurrentUsers, Instant effectiveAt, Instant requestedAt) {
        return new ScheduledChange(Kind.DOWNGRADE, plan, concurrentUsers, effectiveAt, requestedAt);
    }

    public static ScheduledChange cancellation(Instant effectiveAt, Instant requestedAt) {
        return new ScheduledChange(Kind.CANCELLATION, null, 0, effectiveAt, requestedAt);
    }
}
