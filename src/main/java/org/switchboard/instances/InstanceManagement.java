package org.switchboard.instances;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerId;
import org.switchboard.instances.internal.InstanceRepository;
import org.switchboard.platform.InvalidInputException;

/**
 * Instances as people see them, how many concurrent users one is licensed for, and the size of
 * new trials. Selling: {@link InstanceSales}; changing a subscription: {@link SubscriptionAmendment};
 * partners' own phone systems: {@link NfrProvision}; time: {@link InstanceLifecycle}.
 */
@Service
public class InstanceManagement {

    private final InstanceRepository instances;
    private final AccountManagement accounts;
    private final InstanceAccess access;

    InstanceManagement(InstanceRepository instances, AccountManagement accounts, InstanceAccess access) {
        this.instances = instances;
        this.accounts = accounts;
        this.access = access;
    }

    /** What a person sees of an instance, with the customer it belongs to. */
    public record InstanceDetails(Instance instance, Customer customer, int licensedNow, long trialDaysLeft,
            Instant deletionDueAt) {
    }

    @Transactional(readOnly = true)
    public InstanceDetails instance(CurrentUser user, InstanceId id) {
        Instance instance = access.visible(user, id);
        return access.details(instance, access.customer(user, instance));
    }

    /** Operators see every instance, a partner its customers', a customer its own; newest first. */
    @Transactional(readOnly = true)
    public List<InstanceDetails> instances(CurrentUser user, Optional<InstanceStatus> status) {
        List<Customer> customers = accounts.customers(user);
        Map<CustomerId, Customer> byId = new HashMap<>();
        customers.forEach(c -> byId.put(c.id(), c));
        List<Instance> found = user.isOperator() ? instances.all() : instances.ofCustomers(byId.keySet());
        return found.stream()
                .filter(i -> status.map(s -> i.status() == s).orElse(i.status() != InstanceStatus.DELETED))
                .sorted(Comparator.comparing(Instance::createdAt).reversed())
                .map(i -> access.details(i, byId.get(i.customerId())))
                .toList();
    }

    /** An instance by id, for the platform's own parts that act for no user (the phone system's connector). */
    @Transactional(readOnly = true)
    public Optional<Instance> find(InstanceId id) {
        return instances.find(id);
    }

    /** The concurrent users licensed for an instance at an instant (0 for an unknown instance): the licence pool. */
    @Transactional(readOnly = true)
    public int licensedConcurrentUsers(InstanceId id, Instant at) {
        return instances.find(id).map(i -> i.licensedAt(at)).orElse(0);
    }

    @Transactional(readOnly = true)
    public int trialConcurrentUsers() {
        return instances.trialConcurrentUsers();
    }

    @Transactional
    public int changeTrialConcurrentUsers(CurrentUser user, Integer size) {
        user.requireOperator("set the trial size");
        if (size == null || size < 1 || size > 1000) {
            throw new InvalidInputException("trialConcurrentUsers", "Trial size must be between 1 and 1000 concurrent users");
        }
        instances.setTrialConcurrentUsers(size);
        return size;
    }
}
