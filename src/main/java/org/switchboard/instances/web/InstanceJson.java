package org.switchboard.instances.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.switchboard.catalog.Money;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceChange;
import org.switchboard.instances.SubscriptionAmendment.ChangePreview;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.instances.ScheduledChange;
import org.switchboard.instances.Subscription;

/** The JSON shapes of instances. The IBAN appears only masked. */
final class InstanceJson {

    private InstanceJson() {
    }

    record InstanceView(UUID id, UUID customerId, String customerName, String name, String subdomain, String country,
            String status, int concurrentUsers, Instant createdAt, Instant trialEndsAt, Long trialDaysLeft,
            String plan, BigDecimal unitPrice, BigDecimal monthlyNet, String currency, Instant termStart,
            Instant termEnd, Instant renewsAt, ScheduledView scheduledChange, BillingView billing,
            Instant deactivatedAt, Instant deletionDueAt) {

        static InstanceView of(InstanceDetails d) {
            Instance i = d.instance();
            Subscription s = i.subscription().orElse(null);
            boolean running = i.status().hasSubscription();
            return new InstanceView(i.id().value(), i.customerId().value(),
                    d.customer() == null ? null : d.customer().name(), i.name(), i.subdomain().value(), i.country(),
                    i.status().name(), d.licensedNow(), i.createdAt(), i.trialEndsAt(),
                    i.status() == InstanceStatus.TRIAL ? d.trialDaysLeft() : null,
                    running ? s.plan().code() : null, running ? amount(s.unitPrice()) : null,
                    running ? amount(s.monthlyNet()) : null,
                    running ? s.monthlyNet().currency().getCurrencyCode() : null,
                    running ? s.termStart() : null, running ? s.termEnd() : null,
                    i.status() == InstanceStatus.ACTIVE ? s.termEnd() : null,
                    i.scheduledChange().map(ScheduledView::of).orElse(null),
                    s == null ? null : BillingView.of(s), i.deactivatedAt(), d.deletionDueAt());
        }
    }

    record ScheduledView(String kind, String plan, Integer concurrentUsers, Instant effectiveAt, Instant requestedAt) {
        static ScheduledView of(ScheduledChange c) {
            boolean downgrade = c.kind() == ScheduledChange.Kind.DOWNGRADE;
            return new ScheduledView(c.kind().name(), downgrade ? c.plan().code() : null,
                    downgrade ? c.concurrentUsers() : null, c.effectiveAt(), c.requestedAt());
        }
    }

    record BillingView(String accountHolder, String iban, String mandateReference, LocalDate mandateSignedOn) {
        static BillingView of(Subscription s) {
            return new BillingView(s.mandate().account().accountHolder(), s.mandate().account().maskedIban(),
                    s.mandate().reference(), s.mandate().signedOn());
        }
    }

    record ChangeView(String kind, String plan, int concurrentUsers, Instant effectiveAt, BigDecimal currentMonthlyNet,
            BigDecimal newMonthlyNet, BigDecimal monthlyDifference, BigDecimal newUnitPrice,
            BigDecimal proRataThisMonth, String proRataText, String message, Integer cheaperConcurrentUsers,
            BigDecimal cheaperMonthlyNet) {

        /** {@code cheaper...}: a larger count that costs less a month (the volume table's cliff), or null. */
        static ChangeView of(ChangePreview p) {
            String message = p.kind() == Instance.ChangeKind.UPGRADE
                    ? "Applies at once: " + p.concurrentUsers() + " concurrent users from now on."
                    : "Scheduled for the end of the term on " + p.effectiveAt() + "; until then nothing changes.";
            return new ChangeView(p.kind().name(), p.plan().code(), p.concurrentUsers(), p.effectiveAt(),
                    amount(p.currentMonthlyNet()), amount(p.newMonthlyNet()), amount(p.monthlyDifference()),
                    amount(p.quote().unitPrice()), amount(p.proRataThisMonth()), proRataText(p), message,
                    p.quote().cheaperAlternative().map(c -> c.concurrentUsers()).orElse(null),
                    p.quote().cheaperAlternative().map(c -> c.monthlyNet().amount()).orElse(null));
        }

        /** The sentence on the change form about this month's pro-rata amount. */
        static String proRataText(ChangePreview p) {
            Money amount = p.proRataThisMonth();
            if (amount == null) {
                return null;
            }
            String eur = amount.amount().abs().toPlainString() + " € net";
            if (amount.amount().signum() < 0) {
                return "More concurrent users at a lower monthly net: an upgrade all the same, applied at once. "
                        + "The rest of this month is credited exactly, " + eur + ", on the next invoice.";
            }
            return "For the rest of this month: " + eur + " pro rata, on the next invoice.";
        }
    }

    record HistoryView(Instant at, String actor, String kind, String from, String to, int concurrentUsers) {
        static List<HistoryView> of(List<InstanceChange> changes) {
            List<HistoryView> views = new java.util.ArrayList<>(changes.stream()
                    .map(c -> new HistoryView(c.at(), c.actor(), c.kind().name(), c.from(), c.to(), c.licensedAfter()))
                    .toList());
            java.util.Collections.reverse(views);
            return views;
        }
    }

    static BigDecimal amount(Money money) {
        return money == null ? null : money.amount();
    }
}
