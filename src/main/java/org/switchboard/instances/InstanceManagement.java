package org.switchboard.instances;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceQuote;
import org.switchboard.instances.InstanceCommands.ChangeSubscription;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceCommands.Subscribe;
import org.switchboard.instances.internal.InstanceRepository;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.Validation;

/**
 * The use cases of instances: create (trial or subscription), subscribe, change the concurrent
 * users, cancel, withdraw, look at them; and how many concurrent users an instance is licensed for.
 */
@Service
public class InstanceManagement {

    private final InstanceRepository instances;
    private final AccountManagement accounts;
    private final CustomerDirectory directory;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InstanceManagement(InstanceRepository instances, AccountManagement accounts, CustomerDirectory directory,
            Catalog catalog, ApplicationEventPublisher events, Clock clock) {
        this.instances = instances;
        this.accounts = accounts;
        this.directory = directory;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    /** What a person sees of an instance, with the customer it belongs to. */
    public record InstanceDetails(Instance instance, Customer customer, int licensedNow, long trialDaysLeft,
            Instant deletionDueAt) {
    }

    /** What a change of the subscription would cost and when it would apply. */
    public record ChangePreview(Instance.ChangeKind kind, Plan plan, int concurrentUsers, Instant effectiveAt,
            Money currentMonthlyNet, Money newMonthlyNet, Money monthlyDifference, PriceQuote quote) {
    }

    public record ChangeOutcome(Instance.ChangeKind kind, Instant effectiveAt, InstanceDetails instance) {
    }

    // ---- create and subscribe ---------------------------------------------------------------------

    @Transactional
    public InstanceDetails create(CurrentUser user, CreateInstance c) {
        Customer customer = ownCustomer(user);
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
                    instances.trialConcurrentUsers(), now, zone(), user.email());
        } else {
            Purchase purchase = purchase(customer, c.plan(), c.concurrentUsers(), c.iban(), c.accountHolder(),
                    c.mandateAccepted(), id);
            instance = Instance.subscribeWithoutTrial(id, customer.id(), c.name().trim(), subdomain, country,
                    purchase.quote, purchase.mandate, now, zone(), user.email());
        }
        try {
            instances.insert(instance, zone());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("subdomain", "The sub-domain '" + subdomain.value() + "' is taken: choose another one.");
        }
        publish(instance);
        return details(instance, customer);
    }

    /** Turns a trial (or an instance deactivated less than 30 days ago) into a subscription, at once. */
    @Transactional
    public InstanceDetails subscribe(CurrentUser user, InstanceId id, Subscribe c) {
        Instance instance = lockForChange(user, id);
        instance.requireForSale();
        Customer customer = accounts.customer(user, instance.customerId());
        Purchase purchase = purchase(customer, c.plan(), c.concurrentUsers(), c.iban(), c.accountHolder(),
                c.mandateAccepted(), id);
        instance.subscribe(purchase.quote, purchase.mandate, clock.instant(), zone(), user.email());
        instances.update(instance, zone());
        publish(instance);
        return details(instance, customer);
    }

    private record Purchase(PriceQuote quote, Mandate mandate) {
    }

    private Purchase purchase(Customer customer, String planCode, Integer concurrentUsers, String iban,
            String accountHolder, Boolean mandateAccepted, InstanceId instance) {
        Validation v = new Validation();
        Optional<Plan> plan = planOf(planCode, v);
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
        PriceQuote quote = catalog.quote(plan.get(), concurrentUsers, today());
        String reference = "SB-" + instance.value().toString().substring(0, 13).replace("-", "").toUpperCase(Locale.ROOT)
                + "-" + (instances.activations(instance) + 1);
        return new Purchase(quote, new Mandate(reference, today(), account));
    }

    // ---- changes ----------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ChangePreview previewChange(CurrentUser user, InstanceId id, ChangeSubscription c) {
        Instance instance = visible(user, id);
        return preview(instance, c);
    }

    private ChangePreview preview(Instance instance, ChangeSubscription c) {
        Validation v = new Validation();
        Subscription current = instance.subscription().orElseThrow(() -> new RefusedException("status",
                "This instance has no running subscription (it is " + instance.status().name().toLowerCase() + ")."));
        Plan plan = c.plan() == null || c.plan().isBlank() ? current.plan() : planOf(c.plan(), v).orElse(null);
        if (c.concurrentUsers() == null) {
            v.reject("concurrentUsers", "Concurrent users is required");
        }
        v.throwIfInvalid();
        Instance.ChangeKind kind = instance.classifyChange(plan, c.concurrentUsers());
        if (kind == Instance.ChangeKind.NONE) {
            throw new InvalidInputException("concurrentUsers", "The subscription has " + current.concurrentUsers()
                    + " concurrent users on " + current.plan().label() + " already.");
        }
        // The same plan keeps the price list version it was sold on; another plan is sold on its current list.
        PriceQuote quote = plan == current.plan() && kind == Instance.ChangeKind.UPGRADE
                ? catalog.quote(current.priceListId(), c.concurrentUsers())
                : catalog.quote(plan, c.concurrentUsers(), kind == Instance.ChangeKind.UPGRADE ? today()
                        : current.termEnd().atZone(zone()).toLocalDate());
        Instant effective = kind == Instance.ChangeKind.UPGRADE ? clock.instant() : current.termEnd();
        return new ChangePreview(kind, plan, c.concurrentUsers(), effective, current.monthlyNet(), quote.monthlyNet(),
                quote.monthlyNet().minus(current.monthlyNet()), quote);
    }

    /** More concurrent users (or a higher plan) apply at once; fewer (or a lower plan) at the term end. */
    @Transactional
    public ChangeOutcome change(CurrentUser user, InstanceId id, ChangeSubscription c) {
        Instance instance = lockForChange(user, id);
        ChangePreview preview = preview(instance, c);
        Instant now = clock.instant();
        if (preview.kind() == Instance.ChangeKind.UPGRADE) {
            instance.upgrade(preview.quote(), now, user.email());
        } else {
            instance.scheduleDowngrade(preview.plan(), preview.concurrentUsers(), now, user.email());
        }
        instances.update(instance, zone());
        publish(instance);
        return new ChangeOutcome(preview.kind(), preview.effectiveAt(),
                details(instance, accounts.customer(user, instance.customerId())));
    }

    @Transactional
    public InstanceDetails cancel(CurrentUser user, InstanceId id) {
        Instance instance = lockForChange(user, id);
        instance.cancel(clock.instant(), user.email());
        instances.update(instance, zone());
        publish(instance);
        return details(instance, accounts.customer(user, instance.customerId()));
    }

    @Transactional
    public InstanceDetails withdrawScheduledChange(CurrentUser user, InstanceId id) {
        Instance instance = lockForChange(user, id);
        instance.withdrawScheduledChange(clock.instant(), user.email());
        instances.update(instance, zone());
        publish(instance);
        return details(instance, accounts.customer(user, instance.customerId()));
    }

    // ---- reading ----------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public InstanceDetails instance(CurrentUser user, InstanceId id) {
        Instance instance = visible(user, id);
        return details(instance, accounts.customer(user, instance.customerId()));
    }

    /** Operators see every instance, a partner its customers', a customer its own; newest first. */
    @Transactional(readOnly = true)
    public List<InstanceDetails> instances(CurrentUser user, Optional<InstanceStatus> status) {
        List<Customer> customers = accounts.customers(user);
        java.util.Map<CustomerId, Customer> byId = new java.util.HashMap<>();
        customers.forEach(c -> byId.put(c.id(), c));
        List<Instance> found = user.isOperator() ? instances.all() : instances.ofCustomers(byId.keySet());
        return found.stream()
                .filter(i -> status.map(s -> i.status() == s).orElse(i.status() != InstanceStatus.DELETED))
                .sorted(Comparator.comparing(Instance::createdAt).reversed())
                .map(i -> details(i, byId.get(i.customerId())))
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

    // ---- NFR ----------------------------------------------------------------------------------------

    /**
     * Gives a partner its free phone system for its own use with {@code concurrentUsers}, resizes it,
     * or withdraws it with 0. Acts for no user: the partner programme calls it when a level changes.
     */
    @Transactional
    public Optional<InstanceDetails> provideNfrLicence(PartnerId partner, int concurrentUsers) {
        if (concurrentUsers < 0 || concurrentUsers > InstanceRules.MAX_CONCURRENT_USERS) {
            throw new IllegalArgumentException("NFR size " + concurrentUsers);
        }
        instances.lockNfrOfPartner(partner.value());
        CustomerId ownUse = accounts.ownUseCustomer(partner);
        Customer customer = directory.find(ownUse).orElseThrow();
        Instant now = clock.instant();
        Optional<Instance> existing = instances.lockNfrOf(ownUse);
        Instance instance;
        if (existing.isPresent()) {
            instance = existing.get();
            instance.resizeNfr(concurrentUsers, now);
            instances.update(instance, zone());
        } else if (concurrentUsers == 0) {
            return Optional.empty();
        } else {
            instance = Instance.grantNfr(InstanceId.random(), ownUse, "NFR phone system", freeSubdomainFor(customer.name()),
                    customer.billingAddress().country(), concurrentUsers, now);
            instances.insert(instance, zone());
        }
        publish(instance);
        return Optional.of(details(instance, customer));
    }

    private Subdomain freeSubdomainFor(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replace("(own use)", "").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        slug = slug.length() > 50 ? slug.substring(0, 50).replaceAll("-+$", "") : slug;
        String base = (slug.length() < 2 ? "partner" : slug) + "-nfr";
        String candidate = base;
        for (int n = 2; instances.subdomainTaken(candidate); n++) {
            candidate = base + "-" + n;
        }
        return Subdomain.of(candidate);
    }

    @Transactional(readOnly = true)
    public int trialConcurrentUsers() {
        return instances.trialConcurrentUsers();
    }

    @Transactional
    public int changeTrialConcurrentUsers(CurrentUser user, Integer size) {
        if (!user.isOperator()) {
            throw new ForbiddenException("Only operators set the trial size");
        }
        if (size == null || size < 1 || size > 1000) {
            throw new InvalidInputException("trialConcurrentUsers", "Trial size must be between 1 and 1000 concurrent users");
        }
        instances.setTrialConcurrentUsers(size);
        return size;
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Instance visible(CurrentUser user, InstanceId id) {
        Instance instance = instances.find(id).orElseThrow(() -> notFound(id));
        accounts.customer(user, instance.customerId()); // 404 when the caller may not see the customer
        return instance;
    }

    private Instance lockForChange(CurrentUser user, InstanceId id) {
        Instance instance = instances.lock(id).orElseThrow(() -> notFound(id));
        accounts.customer(user, instance.customerId());
        if (!user.isOperator() && !user.isCustomerAdmin()) {
            throw new ForbiddenException("Only the customer's admins change an instance");
        }
        return instance;
    }

    private Customer ownCustomer(CurrentUser user) {
        if (!user.isCustomerAdmin()) {
            throw new ForbiddenException("Instances are created by the customer's admins, from the customer's account");
        }
        return accounts.customer(user, user.customerId());
    }

    private Optional<Plan> planOf(String code, Validation v) {
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

    private InstanceDetails details(Instance instance, Customer customer) {
        Instant now = clock.instant();
        long daysLeft = instance.status() == InstanceStatus.TRIAL
                ? InstanceRules.trialDaysLeft(instance.trialEndsAt(), now, zone()) : 0;
        Instant deletion = instance.status() == InstanceStatus.DEACTIVATED && !instance.isNfr()
                ? InstanceRules.deletionDue(instance.deactivatedAt()) : null;
        return new InstanceDetails(instance, customer, instance.licensedConcurrentUsers(), daysLeft, deletion);
    }

    private void publish(Instance instance) {
        instance.events().forEach(events::publishEvent);
    }

    private static NotFoundException notFound(InstanceId id) {
        return new NotFoundException("There is no instance " + id.value());
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
