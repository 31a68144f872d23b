package org.switchboard.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.InstanceId;

/**
 * What an instance was subscribed to over time, as billing learnt it from instance events: each
 * entry is the plan, concurrent users and monthly net from an instant on; a deactivation is an
 * entry with no plan and a net of 0. A trial has no entries (it is free), and so has a free (NFR)
 * instance, whose entries are marked free. An entry is {@code billed} once an invoice run has
 * charged its change; the next run charges every change not billed yet, also of earlier months.
 */
public record SubscriptionTimeline(InstanceId instanceId, String instanceName, List<Entry> entries) {

    public enum Kind { ACTIVATED, UPGRADED, RENEWED, DEACTIVATED }

    private static final List<Kind> SAME_INSTANT_ORDER = List.of(Kind.ACTIVATED, Kind.RENEWED, Kind.UPGRADED,
            Kind.DEACTIVATED);

    /**
     * From {@code at} on: {@code plan} with {@code concurrentUsers} for {@code monthlyNet}; {@code free} for NFR;
     * {@code billed} once a run charged this change.
     */
    public record Entry(Instant at, Kind kind, Plan plan, int concurrentUsers, Money monthlyNet, boolean free,
            boolean billed) {

        /** An entry no run has billed yet. */
        public Entry(Instant at, Kind kind, Plan plan, int concurrentUsers, Money monthlyNet, boolean free) {
            this(at, kind, plan, concurrentUsers, monthlyNet, free, false);
        }

        /** This entry as a run that charged it leaves it. */
        public Entry asBilled() {
            return new Entry(at, kind, plan, concurrentUsers, monthlyNet, free, true);
        }

        boolean subscribed() {
            return kind != Kind.DEACTIVATED;
        }

        /** What is charged from this entry on: nothing for a free instance or after deactivation. */
        Money chargedNet() {
            return subscribed() && !free ? monthlyNet : Money.zero(monthlyNet.currency());
        }

        String describe() {
            return plan.label() + ", " + concurrentUsers + " concurrent users";
        }
    }

    /**
     * Entries in time order; entries at the same instant in the order they take effect: a term
     * starts (activation, renewal), then it changes (upgrade), then it ends (deactivation). The
     * order the store answers in does not matter, so the run and the preview read alike.
     */
    public SubscriptionTimeline {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::at).thenComparingInt(e -> SAME_INSTANT_ORDER.indexOf(e.kind())));
        entries = List.copyOf(sorted);
    }

    /** The entry in force at {@code instant}, if the instance was subscribed or deactivated by then. */
    public Optional<Entry> at(Instant instant) {
        Entry found = null;
        for (Entry e : entries) {
            if (e.at().isAfter(instant)) {
                break;
            }
            found = e;
        }
        return Optional.ofNullable(found);
    }

    /** Whether calls made at {@code instant} are charged: subscribed, not free, not deactivated (a trial is free). */
    public boolean chargeableAt(Instant instant) {
        return at(instant).map(e -> e.subscribed() && !e.free()).orElse(false);
    }

    /**
     * The changes a run up to {@code until} charges: each entry not billed yet before {@code until},
     * with the entry before it, and the time its difference runs to - the next change billed
     * before (which already charged what follows it), or {@code until}. Summed, these parts are
     * exactly the difference between the timeline as billed before and as known now, also when a
     * change arrives late or between two billed ones.
     */
    List<Change> unbilledBefore(Instant until) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.billed() || !e.at().isBefore(until)) {
                continue;
            }
            Instant to = until;
            for (Entry later : entries.subList(i + 1, entries.size())) {
                if (later.billed() && later.at().isBefore(until)) {
                    to = later.at();
                    break;
                }
            }
            changes.add(new Change(i == 0 ? null : entries.get(i - 1), e, to));
        }
        return changes;
    }

    /** A change from {@code before} (null: nothing) to {@code after}, charged from its instant to {@code until}. */
    record Change(Entry before, Entry after, Instant until) {

        Money oldNet() {
            return before == null ? Money.zero(after.monthlyNet().currency()) : before.chargedNet();
        }

        Money newNet() {
            return after.chargedNet();
        }
    }
}
