package org.switchboard.instances;

import java.time.Instant;

/**
 * One entry of an instance's history: what changed, when (to the instant), who did it, the old
 * and the new value in words, and the licensed concurrent users from that instant on.
 */
public record InstanceChange(Instant at, String actor, Kind kind, String from, String to, int licensedAfter) {

    public enum Kind {
        CREATED, TRIAL_STARTED, TRIAL_REMINDER_SENT, TRIAL_EXPIRED, SUBSCRIPTION_ACTIVATED, UPGRADED,
        DOWNGRADE_SCHEDULED, SCHEDULED_CHANGE_WITHDRAWN, DOWNGRADED, CANCELLATION_SCHEDULED, CANCELLATION_WITHDRAWN,
        RENEWED, DEACTIVATED, DELETED, NFR_GRANTED, NFR_RESIZED, NFR_WITHDRAWN
    }
}
