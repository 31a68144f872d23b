package org.switchboard.instances;

/**
 * TRIAL: the 30-day trial. ACTIVE: a running subscription. CANCELLED: cancelled, running until its
 * term end. DEACTIVATED: no licences (trial expired or term ended after cancellation), can still be
 * subscribed for 30 days. DELETED: its data is gone. NFR: a partner's free phone system for its own
 * use, sized by its partner level; never sold.
 */
public enum InstanceStatus {
    TRIAL, ACTIVE, CANCELLED, DEACTIVATED, DELETED, NFR;

    public boolean hasSubscription() {
        return this == ACTIVE || this == CANCELLED;
    }
}
