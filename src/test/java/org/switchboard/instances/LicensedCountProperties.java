package org.switchboard.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.instances.InstanceFixtures.BERLIN;
import static org.switchboard.instances.InstanceFixtures.basic;
import static org.switchboard.instances.InstanceFixtures.berlin;
import static org.switchboard.instances.InstanceFixtures.mandate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.switchboard.catalog.Plan;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever happens to an instance, the licensed count at any instant is what its history says. */
class LicensedCountProperties {

    enum Action { UPGRADE, DOWNGRADE, WITHDRAW, CANCEL, TIME_PASSES, SUBSCRIBE }

    record Step(Action action, int count, long hoursLater) {
    }

    @Provide
    Arbitrary<List<Step>> lives() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Action.class), Arbitraries.integers().between(1, 300),
                Arbitraries.longs().between(0, 24 * 120)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 300)
    void theLicensedCountAtAnyInstantAgreesWithTheHistory(@ForAll("lives") List<Step> steps,
            @ForAll boolean startAsTrial) {
        Instant now = berlin(2026, 3, 1, 10, 0);
        Instance instance = startAsTrial ? InstanceFixtures.trial(now) : InstanceFixtures.subscribed(16, now);
        // what was licensed from when on, as observed after each step
        TreeMap<Instant, Integer> observed = new TreeMap<>();
        observed.put(now, instance.licensedConcurrentUsers());
        for (Step step : steps) {
            now = now.plus(Duration.ofHours(step.hoursLater()));
            now = catchUp(instance, now, observed);
            try {
                apply(instance, step, now);
            } catch (RuntimeException refused) {
                // refused transitions change nothing
            }
            observed.put(now, instance.licensedConcurrentUsers());
        }
        for (var entry : observed.entrySet()) {
            assertThat(instance.licensedAt(entry.getKey())).as("at " + entry.getKey()).isEqualTo(entry.getValue());
        }
        List<Instant> points = new ArrayList<>(observed.keySet());
        for (int i = 0; i + 1 < points.size(); i++) {
            Instant between = points.get(i).plus(Duration.between(points.get(i), points.get(i + 1)).dividedBy(2));
            Instant lastChange = instance.history().stream().map(InstanceChange::at)
                    .filter(at -> !at.isAfter(between)).max(Instant::compareTo).orElseThrow();
            if (!lastChange.isAfter(points.get(i))) {
                assertThat(instance.licensedAt(between)).isEqualTo(observed.get(points.get(i)));
            }
        }
        assertThat(instance.licensedAt(berlin(2026, 3, 1, 9, 59))).isZero();
    }

    /** Time passing does what the lifecycle job would: reminders, expiry, term end, deletion, recorded when due. */
    private static Instant catchUp(Instance instance, Instant now, TreeMap<Instant, Integer> observed) {
        for (int i = 0; i < 20; i++) {
            Instant due = instance.nextDueAt(BERLIN).orElse(null);
            if (due == null || due.isAfter(now)) {
                return now;
            }
            switch (instance.status()) {
                case TRIAL -> {
                    var reminder = instance.dueReminder(due, BERLIN);
                    if (reminder.isPresent()) {
                        instance.remind(reminder.get(), due);
                    } else {
                        instance.expireTrial(due);
                    }
                }
                case ACTIVE, CANCELLED -> instance.endTerm(basic(instance.nextTermConcurrentUsers()), BERLIN);
                case DEACTIVATED -> instance.delete(due);
                case DELETED -> {
                    return now;
                }
            }
            observed.put(due, instance.licensedConcurrentUsers());
        }
        return now;
    }

    private static void apply(Instance instance, Step step, Instant at) {
        switch (step.action()) {
            case UPGRADE -> instance.upgrade(basic(instance.licensedConcurrentUsers() + step.count()), at, "a");
            case DOWNGRADE -> instance.scheduleDowngrade(Plan.BASIC, Math.max(1, step.count() / 10), at, "a");
            case WITHDRAW -> instance.withdrawScheduledChange(at, "a");
            case CANCEL -> instance.cancel(at, "a");
            case SUBSCRIBE -> instance.subscribe(basic(step.count()), mandate(), at, BERLIN, "a");
            case TIME_PASSES -> {
            }
        }
    }
}
