package org.switchboard.instances;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceQuote;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceCommands.Subscribe;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.internal.InstanceRepository;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.Validation;

/** A customer admin creates an instance (a trial, or sold at once) and subscribes a trial. */
@Service
public class InstanceSales {

    private final InstanceRepository instances;
    private final InstanceAccess access;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InstanceSales(InstanceRepository instances, InstanceAccess access, Catalog catalog,
            ApplicationEventPublisher events, Clock clock) {
        this.instances = instances;
        this.access = access;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public InstanceDetails create(CurrentUser user, CreateInstance c) {
        Customer customer = access.ownCustomer(user);
        Validation v = new Validation()
                .text("name", "Name", c.name(), 100)
                .country("country", c.country());
        String subdomainProblem = c.subdomain() == null ? "Sub-domain is required"
                : Subdomain.problemWith(c.subdomain().trim().toLowerCase(Locale.ROOT));
        if (subdomainProblem != null) {
            v.reject("subdomain", subdomainProblem);
        }
        boolean trial = !Boolean.FALSE.equals(c.trial());
        v.throwIfInvalid();
        Subdomain subdomain = Subdomain.of(c.subdomain());
        if (instances.subdomainTaken(subdomain.value())) {
            throw new ConflictException("subdomain", "The sub-domain '" + subdomain.value() + "' is taken: choose another one.");
        }
        Instant now = clock.instant();
        InstanceId id = InstanceId.random();
        String country = c.country().trim().toUpperCase(Locale.ROOT);
        Instance instance;
        if (trial) {
            if (!instances.claimTrial(customer.id(), id, now)) {
                throw new ConflictException("trial", "Only one trial per customer account: " + customer.name()
                        + " has had its trial. Create the instance with a subscription instead.");
            }
            instance = Instance.startTrial(id, customer.id(), c.name().trim(), subdomain, country,
                    instances.trialConcurrentUsers(), now, clock.getZone(), user.email());
        } else {
            Purchase purchase = purchase(customer, c.plan(), c.concurrentUsers(), c.iban(), c.accountHolder(),
                    c.mandateAccepted(), id);
            instance = Instance.subscribeWithoutTrial(id, customer.id(), c.name().trim(), subdomain, country,
                    purchase.quote, purchase.mandate, now, clock.getZone(), user.email());
        }
        try {
            instances.insert(instance, clock.getZone());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("subdomain", "The sub-domain '" + subdomain.value() + "' is taken: choose another one.");
        }
        instance.events().forEach(events::publishEvent);
        return access.details(instance, customer);
    }

    /** Turns a trial (or an instance deactivated less than 30 days ago) into a subscription, at once. */
    @Transactional
    public InstanceDetails subscribe(CurrentUser user, InstanceId id, Subscribe c) {
        Instance instance = access.lockForChange(user, id);
        instance.requireForSale();
        Customer customer = access.customer(user, instance);
        Purchase purchase = purchase(customer, c.plan(), c.concurrentUsers(), c.iban(), c.accountHolder(),
                c.mandateAccepted(), id);
        instance.subscribe(purchase.quote, purchase.mandate, clock.instant(), clock.getZone(), user.email());
        instances.update(instance, clock.getZone());
        instance.events().forEach(events::publishEvent);
        return access.details(instance, customer);
    }

    private record Purchase(PriceQuote quote, Mandate mandate) {
    }

    private Purchase purchase(Customer customer, String planCode, Integer concurrentUsers, String iban,
            String accountHolder, Boolean mandateAccepted, InstanceId instance) {
        Validation v = new Validation();
        Optional<Plan> plan = InstanceAccess.planOf(planCode, v);
        if (concurrentUsers == null) {
            v.reject("concurrentUsers", "Concurrent users is required");
        } else if (concurrentUsers < 1 || concurrentUsers > InstanceRules.MAX_CONCURRENT_USERS) {
            v.reject("concurrentUsers", "Concurrent users must be between 1 and " + InstanceRules.MAX_CONCURRENT_USERS);
        }
        BankAccount account = null;
        try {
            account = BankAccount.of(iban, accountHolder);
        } catch (InvalidInputException e) {
            e.violations().forEach(x -> v.reject(x.field(), x.message()));
        }
        if (!Boolean.TRUE.equals(mandateAccepted)) {
            v.reject("mandateAccepted", "Accept the SEPA direct-debit mandate: fees are collected from this account");
        }
        v.throwIfInvalid();
        if (!customer.isValidated()) {
            throw new RefusedException("customer", "Only a validated customer can subscribe; missing: "
                    + String.join("; ", customer.missingForValidation()) + ".");
        }
        LocalDate today = LocalDate.now(clock);
        PriceQuote quote = catalog.quote(plan.get(), concurrentUsers, today);
        String reference = "SB-" + instance.value().toString().substring(0, 13).replace("-", "").toUpperCase(Locale.ROOT)
                + "-" + (instances.activations(instance) + 1);
        return new Purchase(quote, new Mandate(reference, today, account));
    }
}
