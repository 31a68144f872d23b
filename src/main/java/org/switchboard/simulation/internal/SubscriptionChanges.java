package org.switchboard.simulation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Random;

import org.springframework.stereotype.Component;
import org.switchboard.instances.InstanceCommands.ChangeSubscription;
import org.switchboard.instances.InstanceCommands.Subscribe;
import org.switchboard.instances.InstanceSales;
import org.switchboard.instances.SubscriptionAmendment;
import org.switchboard.simulation.internal.Ledger.InstanceRecord;

/**
 * What customers change on their subscriptions, planned for later days: a trial subscribed, an
 * upgrade during a month (at once), fewer users or a cancellation asked for the term end. Each
 * change the application accepts goes into the ledger with its instant.
 */
@Component
class SubscriptionChanges {

    private final InstanceSales sales;
    private final SubscriptionAmendment amendment;
    private final Clock clock;
    private final NumberActions numbers;

    SubscriptionChanges(InstanceSales sales, SubscriptionAmendment amendment, Clock clock, NumberActions numbers) {
        this.numbers = numbers;
        this.sales = sales;
        this.amendment = amendment;
        this.clock = clock;
    }

    /** The trial subscribed with SEPA details on {@code day}. */
    void planSubscription(Plan plan, InstanceRecord record, LocalDate day, LocalTime time, int cu, String name) {
        plan.add(day, time, l -> {
            sales.subscribe(record.customer.admin(), record.id, new Subscribe("basic", cu, World.IBAN, name, true));
            record.changes.add(new Ledger.Change(clock.instant(), cu));
            l.count("trials subscribed");
        });
    }

    /** Some grow during a month; some ask for fewer at the term end; some order a block of numbers. */
    void planLater(Plan plan, InstanceRecord record, LocalDate on, int cu, Random random, Ledger ledger) {
        numbers.plan(plan, record, on, ledger.settings.seed(), ledger.instances.size());
        if (!record.neverSubscribed && random.nextInt(3) == 0) {
            LocalDate upgradeOn = on.plusDays(35 + random.nextInt(120));
            int more = 1 + random.nextInt(Math.max(2, cu / 2));
            plan.add(upgradeOn, Plan.time(random, 6, 0, 85), l -> {
                if (!record.subscribedAt(clock.instant()) || record.downgradeRequested) {
                    return; // no longer subscribed, or fewer users or a cancellation asked for the term end
                }
                int newCu = record.concurrentUsersAt(clock.instant()) + more;
                amendment.change(record.customer.admin(), record.id, new ChangeSubscription(newCu, null));
                record.changes.add(new Ledger.Change(clock.instant(), newCu));
                l.count("upgrades");
            });
        }
        if (!record.neverSubscribed && random.nextInt(6) == 0) {
            LocalDate askOn = on.plusDays(40 + random.nextInt(100));
            plan.add(askOn, Plan.time(random, 7, 0, 20), l -> askForTermEnd(l, record, null, random));
        }
    }

    /**
     * The customer asks for one user fewer or cancels, both for the term end ({@code fewer} null:
     * by chance; fewer only when it has more than one): the ledger holds the change at the term
     * end instant, when the lifecycle job renews the subscription with fewer users or deactivates it.
     */
    void askForTermEnd(Ledger l, InstanceRecord record, Boolean fewer, Random random) {
        Instant at = clock.instant();
        if (!record.subscribedAt(at) || record.downgradeRequested) {
            return;
        }
        int current = record.concurrentUsersAt(at);
        Instant termEnd = record.termEndAfter(at, l.zone);
        boolean within = termEnd.isBefore(l.settings.to().plusMonths(1).atDay(1).atStartOfDay(l.zone).toInstant());
        if (current > 1 && (fewer == null ? random.nextBoolean() : fewer)) {
            amendment.change(record.customer.admin(), record.id, new ChangeSubscription(current - 1, null));
            record.changes.add(new Ledger.Change(termEnd, current - 1));
            l.count("downgrades requested for the term end");
            if (within) {
                l.count("downgrades at the term end");
            }
        } else {
            amendment.cancel(record.customer.admin(), record.id);
            record.changes.add(new Ledger.Change(termEnd, 0));
            l.count("cancellations requested for the term end");
            if (within) {
                l.count("cancellations at the term end");
            }
        }
        record.downgradeRequested = true;
    }
}
