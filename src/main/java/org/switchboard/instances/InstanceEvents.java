package org.switchboard.instances;

import java.time.Instant;

import org.switchboard.accounts.CustomerId;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;

/** What happens to instances, for other modules (licensing, billing, partners) to react to. */
public final class InstanceEvents {

    private InstanceEvents() {
    }

    public record TrialStarted(InstanceId instanceId, CustomerId customerId, Instant at, Instant trialEndsAt,
            int concurrentUsers) {
    }

    /** A reminder before the trial ends; {@code daysBefore} is 7 or 1. */
    public record TrialExpiring(InstanceId instanceId, CustomerId customerId, Instant trialEndsAt, int daysBefore) {
    }

    public record TrialExpired(InstanceId instanceId, CustomerId customerId, Instant at) {
    }

    public record SubscriptionActivated(InstanceId instanceId, CustomerId customerId, Plan plan, int concurrentUsers,
            Money monthlyNet, Instant at, Instant termEnd, boolean fromTrial) {
    }

    public record SubscriptionUpgraded(InstanceId instanceId, CustomerId customerId, Plan fromPlan,
            int fromConcurrentUsers, Money fromMonthlyNet, Plan toPlan, int toConcurrentUsers, Money toMonthlyNet,
            Instant at) {
    }

    public record DowngradeScheduled(InstanceId instanceId, CustomerId customerId, Plan plan, int concurrentUsers,
            Instant effectiveAt) {
    }

    public record ScheduledChangeWithdrawn(InstanceId instanceId, CustomerId customerId, Instant at) {
    }

    public record SubscriptionRenewed(InstanceId instanceId, CustomerId customerId, Plan plan, int concurrentUsers,
            Money monthlyNet, Instant termStart, Instant termEnd) {
    }

    public record SubscriptionCancelled(InstanceId instanceId, CustomerId customerId, Instant at, Instant effectiveAt) {
    }

    public record InstanceDeactivated(InstanceId instanceId, CustomerId customerId, Instant at, String reason) {
    }

    public record InstanceDeleted(InstanceId instanceId, CustomerId customerId, Instant at) {
    }

    /** A partner's NFR phone system was created, resized or (with 0) withdrawn. */
    public record NfrLicenceChanged(InstanceId instanceId, CustomerId customerId, int concurrentUsers, Instant at) {
    }
}
