package org.switchboard.instances;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.internal.InstanceRepository;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/**
 * Who may see and change an instance (whoever may see its customer; customer admins and operators
 * change), and what a person sees of one.
 */
@Component
class InstanceAccess {

    private final InstanceRepository instances;
    private final AccountManagement accounts;
    private final Clock clock;

    InstanceAccess(InstanceRepository instances, AccountManagement accounts, Clock clock) {
        this.instances = instances;
        this.accounts = accounts;
        this.clock = clock;
    }

    Instance visible(CurrentUser user, InstanceId id) {
        Instance instance = instances.find(id).orElseThrow(() -> notFound(id));
        customer(user, instance); // 404 when the caller may not see the customer
        return instance;
    }

    Instance lockForChange(CurrentUser user, InstanceId id) {
        Instance instance = instances.lock(id).orElseThrow(() -> notFound(id));
        customer(user, instance);
        if (!user.isOperator() && !user.isCustomerAdmin()) {
            throw new ForbiddenException("Only the customer's admins change an instance");
        }
        return instance;
    }

    /** The instance's customer, as the caller may see it (404 otherwise). */
    Customer customer(CurrentUser user, Instance instance) {
        return accounts.customer(user, instance.customerId());
    }

    /** The caller's own customer, for creating an instance: customer admins only. */
    Customer ownCustomer(CurrentUser user) {
        if (!user.isCustomerAdmin()) {
            throw new ForbiddenException("Instances are created by the customer's admins, from the customer's account");
        }
        return accounts.customer(user, user.customerId());
    }

    InstanceDetails details(Instance instance, Customer customer) {
        Instant now = clock.instant();
        long daysLeft = instance.status() == InstanceStatus.TRIAL
                ? InstanceRules.trialDaysLeft(instance.trialEndsAt(), now, clock.getZone()) : 0;
        Instant deletion = instance.status() == InstanceStatus.DEACTIVATED && !instance.isNfr()
                ? InstanceRules.deletionDue(instance.deactivatedAt()) : null;
        return new InstanceDetails(instance, customer, instance.licensedConcurrentUsers(), daysLeft, deletion);
    }

    static Optional<Plan> planOf(String code, Validation v) {
        if (code == null || code.isBlank()) {
            v.reject("plan", "Plan is required: one of " + Plan.codes());
            return Optional.empty();
        }
        Optional<Plan> plan = Plan.byCode(code);
        if (plan.isEmpty()) {
            v.reject("plan", "Unknown plan '" + code + "': choose one of " + Plan.codes());
        }
        return plan;
    }

    static NotFoundException notFound(InstanceId id) {
        return new NotFoundException("There is no instance " + id.value());
    }
}
