package org.switchboard.billing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceId;

/**
 * What customers pay for phone numbers: numbers beyond those included in a subscription, each
 * range at a monthly net for a period, and one-off fees (porting). Billing asks when it composes
 * an invoice or the preview ({@link NumberChargePolicy}); the numbers module answers with a bean,
 * so that billing does not depend on it. Without an implementation numbers cost nothing.
 */
public interface NumberChargeProvider {

    /** A range charged {@code monthlyNet} a month from {@code from} until {@code until} (null: still running). */
    record NumberCharge(UUID id, CustomerId customerId, InstanceId instanceId, String description, Money monthlyNet,
            Instant from, Instant until) {

        public NumberCharge {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(monthlyNet, "monthlyNet");
            Objects.requireNonNull(from, "from");
        }
    }

    /** A one-off net amount, invoiced with the month {@code at} falls in. */
    record NumberFee(UUID id, CustomerId customerId, InstanceId instanceId, String description, Money net, Instant at) {
    }

    /** The charges of these customers running at some time in [from, to). */
    List<NumberCharge> charges(List<CustomerId> customers, Instant from, Instant to);

    /** The fees of these customers made in [from, to). */
    List<NumberFee> fees(List<CustomerId> customers, Instant from, Instant to);

    NumberChargeProvider NONE = new NumberChargeProvider() {
        @Override
        public List<NumberCharge> charges(List<CustomerId> customers, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public List<NumberFee> fees(List<CustomerId> customers, Instant from, Instant to) {
            return List.of();
        }
    };
}
