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
 * instance, whose entries are marked free.
 */
public record SubscriptionTimeline(InstanceId instanceId, String instanceName, List<Entry> entries) {

    public enum Kind { ACTIVATED, UPGRADED, RENEWED, DEACTIVATED }

    /** From {@code at} on: {@code plan} with {@code concurrentUsers} for {@code monthlyNet}; {@code free} for NFR. */
    public record Entry(Instant at, Kind kind, Plan plan, int concurrentUsers, Money monthlyNet, boolean free) {

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

    public SubscriptionTimeline {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::at));
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

    /** The entries from {@code from} (inclusive) to {@code to} (exclusive), each with the entry before it. */
    List<Change> changesBetween(Instant from, Instant to) {
        List<Change> changes = new ArrayList<>();
        Entry previous = null;
        for (Entry e : entries) {
            if (!e.at().isBefore(from) && e.at().isBefore(to)) {
                changes.add(new Change(previous, e));
            }
            previous = e;
        }
        return changes;
    }

    record Change(Entry before, Entry after) {

        Money oldNet() {
            return before == null ? Money.zero(after.monthlyNet().currency()) : before.chargedNet();
        }

        Money newNet() {
            return after.chargedNet();
        }
    }
}
