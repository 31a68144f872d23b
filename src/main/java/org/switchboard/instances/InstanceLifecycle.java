package org.switchboard.instances;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.PriceQuote;
import org.switchboard.instances.internal.InstanceRepository;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.Links;
import org.switchboard.platform.RefusedException;

/**
 * What time alone does to instances: trial reminders, trial expiry, term end (renewal, downgrade
 * or deactivation after cancellation) and deletion after the grace period. Runs every minute and
 * catches up after downtime; each instance is claimed with {@code SKIP LOCKED} and its state and
 * mails are written in one transaction, so two nodes never act twice and a crash repeats nothing.
 */
@Service
public class InstanceLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceLifecycle.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH);
    private static final int BATCH = 100;

    private final InstanceRepository instances;
    private final CustomerDirectory customers;
    private final Catalog catalog;
    private final Outbox outbox;
    private final Links links;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    InstanceLifecycle(InstanceRepository instances, CustomerDirectory customers, Catalog catalog, Outbox outbox,
            Links links, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.instances = instances;
        this.customers = customers;
        this.catalog = catalog;
        this.outbox = outbox;
        this.links = links;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${switchboard.instances.lifecycle-interval:60000}", initialDelay = 5000)
    void scheduled() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.error("Instance lifecycle run failed; it is retried in a minute", e);
        }
    }

    /** Brings every instance up to now; returns how many instances it changed. */
    public int runDue() {
        int total = 0;
        while (true) {
            Integer changed = tx.execute(status -> runBatch(clock.instant()));
            if (changed == null || changed == 0) {
                return total;
            }
            total += changed;
        }
    }

    private int runBatch(Instant now) {
        ZoneId zone = clock.getZone();
        List<Instance> due = instances.lockDue(now, BATCH);
        for (Instance instance : due) {
            bringUpToDate(instance, now, zone);
            instances.update(instance, zone);
            instance.events().forEach(events::publishEvent);
        }
        return due.size();
    }

    private void bringUpToDate(Instance instance, Instant now, ZoneId zone) {
        // Several steps may be due after downtime: take them in order until the next lies ahead.
        for (int step = 0; step < 10; step++) {
            Instant due = instance.nextDueAt(zone).orElse(null);
            if (due == null || due.isAfter(now)) {
                return;
            }
            switch (instance.status()) {
                case TRIAL -> {
                    var reminder = instance.dueReminder(now, zone);
                    if (reminder.isPresent()) {
                        instance.remind(reminder.get(), now);
                        mailReminder(instance, reminder.get());
                    } else if (!now.isBefore(instance.trialEndsAt())) {
                        instance.expireTrial(now);
                        mailExpired(instance);
                    } else {
                        // a reminder whose moment passed while the 1-day one is due: skipped by remind(1)
                        return;
                    }
                }
                case ACTIVE, CANCELLED -> instance.endTerm(renewalQuote(instance), zone);
                case DEACTIVATED -> instance.delete(now);
                case DELETED -> {
                    return;
                }
            }
        }
    }

    private PriceQuote renewalQuote(Instance instance) {
        if (instance.status() == InstanceStatus.CANCELLED) {
            Subscription s = instance.subscription().orElseThrow();
            return catalog.quote(s.priceListId(), s.concurrentUsers());
        }
        Subscription s = instance.subscription().orElseThrow();
        try {
            return catalog.quote(instance.nextTermPlan(), instance.nextTermConcurrentUsers(),
                    s.termEnd().atZone(clock.getZone()).toLocalDate());
        } catch (RefusedException e) {
            // No list of the plan in force at renewal: the term renews on the version it had.
            return catalog.quote(s.priceListId(), instance.nextTermConcurrentUsers());
        }
    }

    private void mailReminder(Instance instance, int daysBefore) {
        String lastDay = DAY.format(instance.trialEndsAt().minusSeconds(1).atZone(clock.getZone()));
        String link = links.to("/instances/" + instance.id());
        String subject = daysBefore == 1
                ? "Your trial of " + instance.name() + " ends tomorrow"
                : "Your trial of " + instance.name() + " ends in 7 days";
        mailAdmins(instance, subject, "The 30-day trial of your phone system " + instance.name() + " ("
                + instance.subdomain().value() + ") ends at the end of " + lastDay + ".\n\n"
                + "Add your bank details to keep it running without interruption; it becomes an annual subscription at once:\n\n"
                + link + "\n\nIf you do nothing, the phone system is deactivated after " + lastDay
                + " and deleted 30 days later.\n", link);
    }

    private void mailExpired(Instance instance) {
        String link = links.to("/instances/" + instance.id());
        String deletion = DAY.format(InstanceRules.deletionDue(instance.deactivatedAt()).atZone(clock.getZone()));
        mailAdmins(instance, "Your trial of " + instance.name() + " has ended",
                "The trial of " + instance.name() + " ended and the phone system is deactivated.\n\n"
                        + "You can still subscribe until " + deletion + " and keep everything you set up:\n\n" + link
                        + "\n\nAfter that, its data is deleted.\n", link);
    }

    private void mailAdmins(Instance instance, String subject, String body, String link) {
        for (String email : customers.adminEmails(instance.customerId())) {
            outbox.send(new OutgoingMail(email, subject, "Hello,\n\n" + body, List.of(link)));
        }
    }
}
