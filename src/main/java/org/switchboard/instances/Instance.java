package org.switchboard.instances;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.switchboard.accounts.CustomerId;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceQuote;
import org.switchboard.instances.InstanceChange.Kind;
import org.switchboard.instances.InstanceEvents.DowngradeScheduled;
import org.switchboard.instances.InstanceEvents.InstanceDeactivated;
import org.switchboard.instances.InstanceEvents.InstanceDeleted;
import org.switchboard.instances.InstanceEvents.NfrLicenceChanged;
import org.switchboard.instances.InstanceEvents.ScheduledChangeWithdrawn;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.instances.InstanceEvents.SubscriptionCancelled;
import org.switchboard.instances.InstanceEvents.SubscriptionRenewed;
import org.switchboard.instances.InstanceEvents.SubscriptionUpgraded;
import org.switchboard.instances.InstanceEvents.TrialExpired;
import org.switchboard.instances.InstanceEvents.TrialExpiring;
import org.switchboard.instances.InstanceEvents.TrialStarted;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;

/**
 * A customer's cloud phone system, guarding every transition of its life: trial, subscription,
 * upgrade (at once), downgrade and cancellation (at term end), renewal, deactivation, deletion.
 * Each change is kept in its history with the licensed concurrent users from that instant on, and
 * raises an event; the licensed count at any instant is read from that history.
 * <p>
 * Why this class is large: it is the aggregate, and its transitions share one state and one set of
 * invariants (status, subscription, scheduled change, history), so splitting it would only spread
 * them. Its constructor takes that state (as stored), not collaborators.
 */
public final class Instance {

    private final InstanceId id;
    private final CustomerId customerId;
    private final String name;
    private final Subdomain subdomain;
    private final String country;
    private final Instant createdAt;
    private InstanceStatus status;
    private Instant trialStartedAt;
    private Instant trialEndsAt;
    private int trialConcurrentUsers;
    private boolean firstReminderDone;
    private boolean lastReminderDone;
    private Instant deactivatedAt;
    private int nfrConcurrentUsers;
    private Subscription subscription;
    private ScheduledChange scheduledChange;
    private final List<InstanceChange> history;
    private final List<Object> events = new ArrayList<>();
    private final int storedHistorySize;

    /** Restores an instance as it was stored. */
    public Instance(InstanceId id, CustomerId customerId, String name, Subdomain subdomain, String country,
            Instant createdAt, InstanceStatus status, Instant trialStartedAt, Instant trialEndsAt,
            int trialConcurrentUsers, boolean firstReminderDone, boolean lastReminderDone, Instant deactivatedAt,
            int nfrConcurrentUsers, Subscription subscription, ScheduledChange scheduledChange,
            List<InstanceChange> history) {
        this.id = Objects.requireNonNull(id);
        this.customerId = Objects.requireNonNull(customerId);
        this.name = name;
        this.subdomain = subdomain;
        this.country = country;
        this.createdAt = createdAt;
        this.status = status;
        this.trialStartedAt = trialStartedAt;
        this.trialEndsAt = trialEndsAt;
        this.trialConcurrentUsers = trialConcurrentUsers;
        this.firstReminderDone = firstReminderDone;
        this.lastReminderDone = lastReminderDone;
        this.deactivatedAt = deactivatedAt;
        this.nfrConcurrentUsers = nfrConcurrentUsers;
        this.subscription = subscription;
        this.scheduledChange = scheduledChange;
        this.history = new ArrayList<>(history);
        this.storedHistorySize = history.size();
    }

    /** A new instance as a 30-day trial of {@code size} concurrent users. */
    public static Instance startTrial(InstanceId id, CustomerId customer, String name, Subdomain subdomain,
            String country, int size, Instant at, ZoneId zone, String actor) {
        Instance instance = new Instance(id, customer, name, subdomain, country, at, InstanceStatus.TRIAL, at,
                InstanceRules.trialEnd(at, zone), size, false, false, null, 0, null, null, List.of());
        instance.record(at, actor, Kind.TRIAL_STARTED, null, size + " concurrent users until "
                + instance.trialEndsAt, size);
        instance.events.add(new TrialStarted(id, customer, at, instance.trialEndsAt, size));
        return instance;
    }

    /** A new instance sold directly as a subscription, without a trial. */
    public static Instance subscribeWithoutTrial(InstanceId id, CustomerId customer, String name, Subdomain subdomain,
            String country, PriceQuote quote, Mandate mandate, Instant at, ZoneId zone, String actor) {
        Instance instance = new Instance(id, customer, name, subdomain, country, at, InstanceStatus.DEACTIVATED, null,
                null, 0, false, false, null, 0, null, null, List.of());
        instance.record(at, actor, Kind.CREATED, null, name, 0);
        instance.activateSubscription(quote, mandate, at, zone, actor, false);
        return instance;
    }

    // ---- NFR ----------------------------------------------------------------------------------------

    /** A partner's free phone system for its own use ("not for resale"), of {@code size} concurrent users. */
    public static Instance grantNfr(InstanceId id, CustomerId ownUse, String name, Subdomain subdomain, String country,
            int size, Instant at) {
        requireCount(size);
        Instance instance = new Instance(id, ownUse, name, subdomain, country, at, InstanceStatus.NFR, null, null, 0,
                false, false, null, size, null, null, List.of());
        instance.record(at, SYSTEM, Kind.NFR_GRANTED, null, size + " concurrent users, not for resale", size);
        instance.events.add(new NfrLicenceChanged(id, ownUse, size, at));
        return instance;
    }

    /** The partner level changed: the NFR licence follows it; 0 withdraws it (the instance is deactivated). */
    public void resizeNfr(int size, Instant at) {
        if (status != InstanceStatus.NFR && !(status == InstanceStatus.DEACTIVATED && nfrConcurrentUsers > 0)) {
            throw new IllegalStateException("not an NFR instance");
        }
        if (size == licensedConcurrentUsers()) {
            return;
        }
        int before = licensedConcurrentUsers();
        if (size == 0) {
            status = InstanceStatus.DEACTIVATED;
            deactivatedAt = at;
            record(at, SYSTEM, Kind.NFR_WITHDRAWN, before + " concurrent users", "withdrawn", 0);
            events.add(new InstanceDeactivated(id, customerId, at, "NFR_WITHDRAWN"));
        } else {
            requireCount(size);
            status = InstanceStatus.NFR;
            deactivatedAt = null;
            nfrConcurrentUsers = size;
            record(at, SYSTEM, Kind.NFR_RESIZED, before + " concurrent users", size + " concurrent users", size);
        }
        events.add(new NfrLicenceChanged(id, customerId, size, at));
    }

    public boolean isNfr() {
        return nfrConcurrentUsers > 0;
    }

    /** Refuses at once what can never be sold, before anyone is asked for bank details. */
    public void requireForSale() {
        if (isNfr()) {
            throw notForResale();
        }
    }

    // ---- subscription -----------------------------------------------------------------------------

    /** Turns a trial (running, or deactivated less than 30 days ago) into an annual subscription, at once. */
    public void subscribe(PriceQuote quote, Mandate mandate, Instant at, ZoneId zone, String actor) {
        switch (status) {
            case TRIAL -> {
            }
            case DEACTIVATED -> {
                if (!at.isBefore(InstanceRules.deletionDue(deactivatedAt))) {
                    throw new RefusedException("status", "This instance was deactivated more than "
                            + InstanceRules.GRACE_DAYS + " days ago and can no longer be subscribed.");
                }
            }
            case ACTIVE, CANCELLED -> throw new ConflictException("status",
                    "This instance has a subscription already: change its concurrent users instead.");
            case NFR -> throw notForResale();
            case DELETED -> throw deleted();
        }
        if (isNfr()) {
            throw notForResale();
        }
        activateSubscription(quote, mandate, at, zone, actor, trialStartedAt != null && subscription == null);
    }

    private void activateSubscription(PriceQuote quote, Mandate mandate, Instant at, ZoneId zone, String actor,
            boolean fromTrial) {
        requireCount(quote.concurrentUsers());
        Instant termEnd = InstanceRules.termEnd(at, zone);
        String before = describe();
        subscription = new Subscription(quote.plan(), quote.concurrentUsers(), quote.priceListId(),
                quote.priceListVersion(), quote.unitPrice(), quote.monthlyNet(), at, at, termEnd, mandate);
        status = InstanceStatus.ACTIVE;
        scheduledChange = null;
        deactivatedAt = null;
        record(at, actor, Kind.SUBSCRIPTION_ACTIVATED, before, describe(), quote.concurrentUsers());
        events.add(new SubscriptionActivated(id, customerId, quote.plan(), quote.concurrentUsers(), quote.monthlyNet(),
                at, termEnd, fromTrial));
    }

    /** What a change to {@code plan} and {@code concurrentUsers} would be: applied now, at term end, or refused. */
    public ChangeKind classifyChange(Plan plan, int concurrentUsers) {
        requireSubscription();
        requireCount(concurrentUsers);
        int planStep = Integer.compare(plan.ordinal(), subscription.plan().ordinal());
        int countStep = Integer.compare(concurrentUsers, subscription.concurrentUsers());
        if (planStep == 0 && countStep == 0) {
            return ChangeKind.NONE;
        }
        if (planStep >= 0 && countStep >= 0) {
            return ChangeKind.UPGRADE;
        }
        if (planStep <= 0 && countStep <= 0) {
            return ChangeKind.DOWNGRADE;
        }
        throw new InvalidInputException("concurrentUsers", "Change the plan and lower the concurrent users in two "
                + "steps: an upgrade applies at once, a downgrade at the end of the term.");
    }

    public enum ChangeKind { NONE, UPGRADE, DOWNGRADE }

    /** More concurrent users or a higher plan, effective at this instant; the pool grows at once. */
    public void upgrade(PriceQuote quote, Instant at, String actor) {
        requireSubscription();
        if (status == InstanceStatus.CANCELLED) {
            throw new RefusedException("status", "This subscription is cancelled: withdraw the cancellation before upgrading.");
        }
        if (classifyChange(quote.plan(), quote.concurrentUsers()) != ChangeKind.UPGRADE) {
            throw new InvalidInputException("concurrentUsers", "An upgrade needs more concurrent users or a higher plan than "
                    + subscription.concurrentUsers() + " on " + subscription.plan().label() + ".");
        }
        Subscription old = subscription;
        String before = describe();
        subscription = old.repriced(quote);
        // A downgrade asked for earlier would now lower the count below what was just bought: it is dropped.
        if (scheduledChange != null && scheduledChange.kind() == ScheduledChange.Kind.DOWNGRADE) {
            scheduledChange = null;
        }
        record(at, actor, Kind.UPGRADED, before, describe(), quote.concurrentUsers());
        events.add(new SubscriptionUpgraded(id, customerId, old.plan(), old.concurrentUsers(), old.monthlyNet(),
                quote.plan(), quote.concurrentUsers(), quote.monthlyNet(), at));
    }

    /** Fewer concurrent users or a lower plan, from the end of the current term. */
    public void scheduleDowngrade(Plan plan, int concurrentUsers, Instant at, String actor) {
        requireSubscription();
        if (status == InstanceStatus.CANCELLED) {
            throw new RefusedException("status", "This subscription is cancelled and ends at its term end anyway.");
        }
        if (classifyChange(plan, concurrentUsers) != ChangeKind.DOWNGRADE) {
            throw new InvalidInputException("concurrentUsers", "A downgrade needs fewer concurrent users or a lower plan.");
        }
        scheduledChange = ScheduledChange.downgrade(plan, concurrentUsers, subscription.termEnd(), at);
        record(at, actor, Kind.DOWNGRADE_SCHEDULED, describe(), concurrentUsers + " concurrent users on "
                + plan.label() + " from " + subscription.termEnd(), subscription.concurrentUsers());
        events.add(new DowngradeScheduled(id, customerId, plan, concurrentUsers, subscription.termEnd()));
    }

    /** Cancels at the end of the term; the instance runs until then. */
    public void cancel(Instant at, String actor) {
        requireSubscription();
        if (status == InstanceStatus.CANCELLED) {
            throw new ConflictException("status", "This subscription is already cancelled for " + subscription.termEnd() + ".");
        }
        scheduledChange = ScheduledChange.cancellation(subscription.termEnd(), at);
        status = InstanceStatus.CANCELLED;
        record(at, actor, Kind.CANCELLATION_SCHEDULED, describe(), "deactivated at " + subscription.termEnd(),
                subscription.concurrentUsers());
        events.add(new SubscriptionCancelled(id, customerId, at, subscription.termEnd()));
    }

    /** Withdraws a scheduled downgrade or cancellation before the term end. */
    public void withdrawScheduledChange(Instant at, String actor) {
        requireNotDeleted();
        if (scheduledChange == null) {
            throw new ConflictException("scheduledChange", "There is no scheduled change to withdraw.");
        }
        boolean cancellation = scheduledChange.kind() == ScheduledChange.Kind.CANCELLATION;
        scheduledChange = null;
        if (cancellation) {
            status = InstanceStatus.ACTIVE;
        }
        record(at, actor, cancellation ? Kind.CANCELLATION_WITHDRAWN : Kind.SCHEDULED_CHANGE_WITHDRAWN, null,
                describe(), subscription.concurrentUsers());
        events.add(new ScheduledChangeWithdrawn(id, customerId, at));
    }

    /**
     * At (or after) the term end: a cancelled instance is deactivated, any other renews for a year at
     * {@code renewal}, the quote of the price list in force at the term end for the plan and count of
     * the new term (see {@link #nextTermPlan()} and {@link #nextTermConcurrentUsers()}). The change is
     * recorded at the term end itself, even when the job runs late.
     */
    public void endTerm(PriceQuote renewal, ZoneId zone) {
        requireSubscription();
        Instant end = subscription.termEnd();
        if (status == InstanceStatus.CANCELLED) {
            status = InstanceStatus.DEACTIVATED;
            deactivatedAt = end;
            scheduledChange = null;
            record(end, SYSTEM, Kind.DEACTIVATED, describeSubscription(), "cancelled at term end", 0);
            events.add(new InstanceDeactivated(id, customerId, end, "CANCELLED"));
            return;
        }
        if (renewal.plan() != nextTermPlan() || renewal.concurrentUsers() != nextTermConcurrentUsers()) {
            throw new IllegalArgumentException("renewal quote is for " + renewal.plan() + "/" + renewal.concurrentUsers());
        }
        String before = describe();
        boolean downgrade = scheduledChange != null;
        scheduledChange = null;
        subscription = subscription.renewed(renewal, end, InstanceRules.termEnd(end, zone));
        if (downgrade) {
            record(end, SYSTEM, Kind.DOWNGRADED, before, describe(), renewal.concurrentUsers());
        }
        record(end, SYSTEM, Kind.RENEWED, before, describe() + " until " + subscription.termEnd(),
                renewal.concurrentUsers());
        events.add(new SubscriptionRenewed(id, customerId, renewal.plan(), renewal.concurrentUsers(),
                renewal.monthlyNet(), end, subscription.termEnd()));
    }

    public Plan nextTermPlan() {
        requireSubscription();
        return scheduledChange != null && scheduledChange.kind() == ScheduledChange.Kind.DOWNGRADE
                ? scheduledChange.plan() : subscription.plan();
    }

    public int nextTermConcurrentUsers() {
        requireSubscription();
        return scheduledChange != null && scheduledChange.kind() == ScheduledChange.Kind.DOWNGRADE
                ? scheduledChange.concurrentUsers() : subscription.concurrentUsers();
    }

    // ---- trial and deletion -----------------------------------------------------------------------

    /** The reminder due at {@code now}, if any: 7 or 1 (days before the trial's last day). */
    public Optional<Integer> dueReminder(Instant now, ZoneId zone) {
        if (status != InstanceStatus.TRIAL || !now.isBefore(trialEndsAt)) {
            return Optional.empty();
        }
        if (!lastReminderDone && !now.isBefore(InstanceRules.lastReminder(trialStartedAt, zone))) {
            return Optional.of(1);
        }
        if (!firstReminderDone && !now.isBefore(InstanceRules.firstReminder(trialStartedAt, zone))) {
            return Optional.of(7);
        }
        return Optional.empty();
    }

    /** Records that the reminder went out; a 7-day reminder found late, after the 1-day one was due, is skipped. */
    public void remind(int daysBefore, Instant at) {
        if (status != InstanceStatus.TRIAL) {
            throw new IllegalStateException("not a trial");
        }
        if (daysBefore == 1) {
            lastReminderDone = true;
            firstReminderDone = true;
        } else {
            firstReminderDone = true;
        }
        record(at, SYSTEM, Kind.TRIAL_REMINDER_SENT, null, daysBefore + " days before the end", trialConcurrentUsers);
        events.add(new TrialExpiring(id, customerId, trialEndsAt, daysBefore));
    }

    /** At the end of day 30, a trial not subscribed is deactivated; recorded at that instant. */
    public void expireTrial(Instant now) {
        if (status != InstanceStatus.TRIAL || now.isBefore(trialEndsAt)) {
            throw new IllegalStateException("trial not due");
        }
        status = InstanceStatus.DEACTIVATED;
        deactivatedAt = trialEndsAt;
        record(trialEndsAt, SYSTEM, Kind.TRIAL_EXPIRED, "trial", "deactivated", 0);
        events.add(new TrialExpired(id, customerId, trialEndsAt));
        events.add(new InstanceDeactivated(id, customerId, trialEndsAt, "TRIAL_EXPIRED"));
    }

    /** Thirty days after deactivation, an instance not subscribed again is deleted. */
    public void delete(Instant now) {
        if (status != InstanceStatus.DEACTIVATED || now.isBefore(InstanceRules.deletionDue(deactivatedAt))) {
            throw new IllegalStateException("deletion not due");
        }
        Instant at = InstanceRules.deletionDue(deactivatedAt);
        status = InstanceStatus.DELETED;
        record(at, SYSTEM, Kind.DELETED, "deactivated", "deleted", 0);
        events.add(new InstanceDeleted(id, customerId, at));
    }

    /** The next instant at which time alone changes this instance (a reminder, an expiry, a term end, a deletion). */
    public Optional<Instant> nextDueAt(ZoneId zone) {
        return switch (status) {
            case TRIAL -> Optional.of(!firstReminderDone ? InstanceRules.firstReminder(trialStartedAt, zone)
                    : !lastReminderDone ? InstanceRules.lastReminder(trialStartedAt, zone) : trialEndsAt);
            case ACTIVE, CANCELLED -> Optional.of(subscription.termEnd());
            // a withdrawn NFR system waits for its partner to qualify again; it is not deleted
            case DEACTIVATED -> isNfr() ? Optional.empty() : Optional.of(InstanceRules.deletionDue(deactivatedAt));
            case DELETED, NFR -> Optional.empty();
        };
    }

    // ---- licence pool -----------------------------------------------------------------------------

    /** Concurrent users licensed now: the trial size, the subscription's count, or 0. */
    public int licensedConcurrentUsers() {
        return switch (status) {
            case TRIAL -> trialConcurrentUsers;
            case ACTIVE, CANCELLED -> subscription.concurrentUsers();
            case NFR -> nfrConcurrentUsers;
            case DEACTIVATED, DELETED -> 0;
        };
    }

    /** Concurrent users licensed at {@code instant}, from the history: 0 before the instance existed. */
    public int licensedAt(Instant instant) {
        int licensed = 0;
        for (InstanceChange change : history) {
            if (change.at().isAfter(instant)) {
                break;
            }
            licensed = change.licensedAfter();
        }
        return licensed;
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static final String SYSTEM = "system";

    private void record(Instant at, String actor, Kind kind, String from, String to, int licensedAfter) {
        history.add(new InstanceChange(at, actor, kind, from, to, licensedAfter));
    }

    private String describe() {
        return switch (status) {
            case TRIAL -> "trial, " + trialConcurrentUsers + " concurrent users";
            case ACTIVE, CANCELLED -> describeSubscription();
            case DEACTIVATED -> "deactivated";
            case DELETED -> "deleted";
            case NFR -> "NFR, " + nfrConcurrentUsers + " concurrent users";
        };
    }

    private String describeSubscription() {
        return subscription.plan().label() + ", " + subscription.concurrentUsers() + " concurrent users, "
                + subscription.monthlyNet() + " a month";
    }

    private static void requireCount(int concurrentUsers) {
        if (concurrentUsers < 1 || concurrentUsers > InstanceRules.MAX_CONCURRENT_USERS) {
            throw new InvalidInputException("concurrentUsers",
                    "Concurrent users must be between 1 and " + InstanceRules.MAX_CONCURRENT_USERS);
        }
    }

    private void requireSubscription() {
        requireNotDeleted();
        if (!status.hasSubscription()) {
            throw new RefusedException("status", "This instance has no running subscription (it is "
                    + status.name().toLowerCase() + ").");
        }
    }

    private void requireNotDeleted() {
        if (status == InstanceStatus.DELETED) {
            throw deleted();
        }
    }

    private static RefusedException notForResale() {
        return new RefusedException("status", "This is a partner's NFR phone system: it is not for resale and cannot be subscribed.");
    }

    private static RefusedException deleted() {
        return new RefusedException("status", "This instance was deleted and cannot be changed.");
    }

    // ---- state for storage and views --------------------------------------------------------------

    public InstanceId id() { return id; }
    public CustomerId customerId() { return customerId; }
    public String name() { return name; }
    public Subdomain subdomain() { return subdomain; }
    public String country() { return country; }
    public Instant createdAt() { return createdAt; }
    public InstanceStatus status() { return status; }
    public Instant trialStartedAt() { return trialStartedAt; }
    public Instant trialEndsAt() { return trialEndsAt; }
    public int trialConcurrentUsers() { return trialConcurrentUsers; }
    public boolean firstReminderDone() { return firstReminderDone; }
    public boolean lastReminderDone() { return lastReminderDone; }
    public Instant deactivatedAt() { return deactivatedAt; }
    public int nfrConcurrentUsers() { return nfrConcurrentUsers; }
    public Optional<Subscription> subscription() { return Optional.ofNullable(subscription); }
    public Optional<ScheduledChange> scheduledChange() { return Optional.ofNullable(scheduledChange); }
    public List<InstanceChange> history() { return Collections.unmodifiableList(history); }

    /** History entries added since the instance was loaded, for the repository to append. */
    public List<InstanceChange> newHistory() {
        return history.subList(storedHistorySize, history.size());
    }

    /** Events raised since the instance was loaded; the caller publishes them. */
    public List<Object> events() {
        return List.copyOf(events);
    }
}
