package org.switchboard.instances;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceQuote;
import org.switchboard.instances.InstanceCommands.ChangeSubscription;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.internal.InstanceRepository;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.Validation;

/**
 * Changing a running subscription: more concurrent users (or a higher plan) at once, fewer (or a
 * lower plan) and cancellation at the term end, the price shown before, a scheduled change withdrawn.
 */
@Service
public class SubscriptionAmendment {

    /**
     * What a change of the subscription would cost and when it would apply. {@code proRataThisMonth}:
     * for an upgrade, what the rest of this month costs at the new net (negative when the new
     * count's net is lower, see docs/instances.md), on the next invoice; null for a downgrade, which
     * applies at the term end, or when no module provides the pro-rata rule.
     */
    public record ChangePreview(Instance.ChangeKind kind, Plan plan, int concurrentUsers, Instant effectiveAt,
            Money currentMonthlyNet, Money newMonthlyNet, Money monthlyDifference, PriceQuote quote,
            Money proRataThisMonth) {
    }

    public record ChangeOutcome(Instance.ChangeKind kind, Instant effectiveAt, InstanceDetails instance) {
    }

    private final InstanceRepository instances;
    private final InstanceAccess access;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectProvider<ProRataQuote> proRata;

    SubscriptionAmendment(InstanceRepository instances, InstanceAccess access, Catalog catalog,
            ApplicationEventPublisher events, Clock clock, ObjectProvider<ProRataQuote> proRata) {
        this.proRata = proRata;
        this.instances = instances;
        this.access = access;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ChangePreview previewChange(CurrentUser user, InstanceId id, ChangeSubscription c) {
        Instance instance = access.visible(user, id);
        return preview(instance, c);
    }

    private ChangePreview preview(Instance instance, ChangeSubscription c) {
        Validation v = new Validation();
        Subscription current = instance.subscription().orElseThrow(() -> new RefusedException("status",
                "This instance has no running subscription (it is " + instance.status().name().toLowerCase() + ")."));
        Plan plan = c.plan() == null || c.plan().isBlank() ? current.plan()
                : InstanceAccess.planOf(c.plan(), v).orElse(null);
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
                : catalog.quote(plan, c.concurrentUsers(), kind == Instance.ChangeKind.UPGRADE ? LocalDate.now(clock)
                        : current.termEnd().atZone(clock.getZone()).toLocalDate());
        Instant effective = kind == Instance.ChangeKind.UPGRADE ? clock.instant() : current.termEnd();
        // An upgrade applies now: the rest of this month is charged (or, if the net falls, credited) pro rata.
        Money thisMonth = kind != Instance.ChangeKind.UPGRADE ? null : proRata.stream().findFirst()
                .map(q -> q.restOfMonth(current.monthlyNet(), quote.monthlyNet(), effective)).orElse(null);
        return new ChangePreview(kind, plan, c.concurrentUsers(), effective, current.monthlyNet(), quote.monthlyNet(),
                quote.monthlyNet().minus(current.monthlyNet()), quote, thisMonth);
    }

    /** More concurrent users (or a higher plan) apply at once; fewer (or a lower plan) at the term end. */
    @Transactional
    public ChangeOutcome change(CurrentUser user, InstanceId id, ChangeSubscription c) {
        Instance instance = access.lockForChange(user, id);
        ChangePreview preview = preview(instance, c);
        Instant now = clock.instant();
        if (preview.kind() == Instance.ChangeKind.UPGRADE) {
            instance.upgrade(preview.quote(), now, user.email());
        } else {
            instance.scheduleDowngrade(preview.plan(), preview.concurrentUsers(), now, user.email());
        }
        save(instance);
        return new ChangeOutcome(preview.kind(), preview.effectiveAt(),
                access.details(instance, access.customer(user, instance)));
    }

    @Transactional
    public InstanceDetails cancel(CurrentUser user, InstanceId id) {
        Instance instance = access.lockForChange(user, id);
        instance.cancel(clock.instant(), user.email());
        save(instance);
        return access.details(instance, access.customer(user, instance));
    }

    @Transactional
    public InstanceDetails withdrawScheduledChange(CurrentUser user, InstanceId id) {
        Instance instance = access.lockForChange(user, id);
        instance.withdrawScheduledChange(clock.instant(), user.email());
        save(instance);
        return access.details(instance, access.customer(user, instance));
    }

    private void save(Instance instance) {
        instances.update(instance, clock.getZone());
        instance.events().forEach(events::publishEvent);
    }
}
