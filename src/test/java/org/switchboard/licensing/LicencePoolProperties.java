package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.Reason;
import org.switchboard.platform.InvalidInputException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The pool's invariants over random sequences of what phone systems report. */
class LicencePoolProperties {

    record Step(EventType type, int subject, int ref, boolean emergency) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(EventType.class), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 14), Arbitraries.integers().between(0, 9).map(i -> i == 0))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 500)
    void neverMoreHeldThanThePoolExceptEmergenciesAndHeldMeansAReasonHolds(@ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 0, max = 5) int licensed, @ForAll boolean shrink) {
        LicencePool pool = LicenceFixtures.pool(licensed, 7, 3); // 100..106 employees, 900..902 function extensions
        Instant at = LicenceFixtures.NINE;
        int resizes = 0;
        for (Step s : steps) {
            at = at.plusSeconds(1);
            if (shrink && resizes < 3 && s.ref() == 14) {
                pool.resize(Math.max(0, pool.licensed() - 1));
                resizes++;
            }
            String subject = s.subject() < 7 ? String.valueOf(100 + s.subject()) : String.valueOf(900 + s.subject() - 7);
            String ref = s.type().name().charAt(0) + "-" + s.ref();
            String destination = s.emergency() ? "112" : "+4930" + s.ref();
            int regularBefore = pool.regularHolders();
            boolean heldBefore = pool.holds(subject);
            Decision d;
            try {
                d = pool.apply(new LicenceEvent(s.type(), subject, ref, destination, at));
            } catch (InvalidInputException e) {
                assertThat(pool.regularHolders()).isEqualTo(regularBefore);
                continue;
            }
            // Admissions of a new licence happen only below the pool, unless for an emergency call.
            if (d.admitted() && !heldBefore && pool.holds(subject) && !d.emergency()) {
                assertThat(regularBefore).isLessThan(pool.licensed());
            }
            if (!shrink) {
                assertThat(pool.regularHolders()).isLessThanOrEqualTo(pool.licensed());
            }
            assertThat(pool.regularHolders()).isLessThanOrEqualTo(Math.max(pool.licensed(), regularBefore));
            // Held exactly while at least one reason holds; at most one licence per subject.
            Set<String> withReason = new HashSet<>();
            for (HeldRef r : pool.knownRefs()) {
                if (r.state() == HeldRef.State.HELD) {
                    withReason.add(r.subject());
                }
            }
            Set<String> holders = new HashSet<>();
            pool.holders().forEach(h -> assertThat(holders.add(h.subject())).isTrue());
            assertThat(holders).isEqualTo(withReason);
            assertThat(d.occupied()).isEqualTo(holders.size());
            // Function extensions hold only through outbound calls.
            pool.holders().stream().filter(h -> h.subject().startsWith("9"))
                    .forEach(h -> assertThat(h.reasons()).containsOnly(Reason.OUTBOUND_CALL));
        }
    }

    /**
     * Ended refs are kept in a compact form once their change is drained: a pool drained after
     * every event answers and stores exactly what a pool never drained does, whatever the events.
     */
    @Property(tries = 300)
    void aPoolAnswersAlikeWhetherItsEndedRefsAreCompactOrNot(@ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 0, max = 4) int licensed) {
        LicencePool drained = LicenceFixtures.pool(licensed, 7, 3);
        LicencePool kept = LicenceFixtures.pool(licensed, 7, 3);
        Instant at = LicenceFixtures.NINE;
        for (Step s : steps) {
            at = at.plusSeconds(1);
            String subject = s.subject() < 7 ? String.valueOf(100 + s.subject()) : String.valueOf(900 + s.subject() - 7);
            // A new string for each event, as one read from a request is.
            LicenceEvent event = new LicenceEvent(s.type(), new String(subject), s.type().reason() + "-" + s.ref(),
                    s.emergency() ? "112" : "+49301", at, s.ref() % 3 == 0 ? new LicenceDevice("d" + s.ref(),
                            "Desk phone " + s.ref()) : null);
            Object a = outcome(drained, event);
            int before = kept.knownRefs().size();
            Object b = outcome(kept, event);
            assertThat(a).isEqualTo(b);
            assertThat(kept.knownRefs().size()).isGreaterThanOrEqualTo(before);
            List<HeldRef> changed = List.copyOf(drained.drainChanges().refs());
            assertThat(changed).extracting(HeldRef::ref).doesNotHaveDuplicates();
            assertThat(drained.holders()).isEqualTo(kept.holders());
            assertThat(drained.knownRefs()).extracting(HeldRef::reason, HeldRef::ref, HeldRef::subject, HeldRef::state,
                    HeldRef::lastSeen, HeldRef::device).containsExactlyInAnyOrderElementsOf(kept.knownRefs().stream()
                            .map(r -> org.assertj.core.groups.Tuple.tuple(r.reason(), r.ref(), r.subject(), r.state(),
                                    r.lastSeen(), r.device())).toList());
        }
        Instant later = at.plusSeconds(1);
        assertThat(drained.forget(later)).isEqualTo(kept.forget(later));
        assertThat(drained.knownRefs()).hasSameSizeAs(kept.knownRefs());
    }

    /**
     * A pool that lets go of its ended and refused refs after a while ({@link LicencePool#letGo})
     * and, before an event that may repeat one, reads back what storage keeps of its ref answers
     * every event, stores every change and holds every licence exactly as a pool that keeps all.
     */
    @Property(tries = 300)
    void aPoolThatLetsGoOfItsRefsAndReadsThemBackAnswersAsOneThatKeepsThem(@ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 0, max = 4) int licensed, @ForAll @IntRange(min = 1, max = 30) int inMemory) {
        LicencePool forgetful = LicenceFixtures.pool(licensed, 7, 3);
        LicencePool keeping = LicenceFixtures.pool(licensed, 7, 3);
        Map<String, HeldRef> stored = new HashMap<>(); // licence_refs, by reason and ref
        Instant at = LicenceFixtures.NINE;
        for (Step s : steps) {
            at = at.plusSeconds(1);
            String subject = s.subject() < 7 ? String.valueOf(100 + s.subject()) : String.valueOf(900 + s.subject() - 7);
            LicenceEvent event = new LicenceEvent(s.type(), subject, "r" + s.ref(), s.emergency() ? "112" : "+49301",
                    at, s.ref() % 3 == 0 ? new LicenceDevice("d" + s.ref(), "Desk phone " + s.ref()) : null);
            forgetful.letGo(at, Duration.ofSeconds(inMemory));
            if (forgetful.mayRepeat(event, false)) {
                HeldRef kept = stored.get(event.type().reason() + "/" + event.ref());
                if (kept != null && kept.state() != HeldRef.State.HELD) {
                    forgetful.recall(List.of(copy(kept)));
                }
            }
            assertThat(outcome(forgetful, event)).isEqualTo(outcome(keeping, event));
            LicencePool.Changes a = forgetful.drainChanges();
            LicencePool.Changes b = keeping.drainChanges();
            assertThat(a.records()).isEqualTo(b.records());
            assertThat(a.refs().stream().map(LicencePoolProperties::copy).map(LicencePoolProperties::row).toList())
                    .isEqualTo(b.refs().stream().map(LicencePoolProperties::row).toList());
            a.refs().forEach(r -> stored.put(r.reason() + "/" + r.ref(), copy(r)));
            assertThat(forgetful.holders()).isEqualTo(keeping.holders());
            assertThat(forgetful.regularHolders()).isEqualTo(keeping.regularHolders());
        }
    }

    /**
     * Where a new call's start is not looked up (the licence writer's batch on cached pools, whose
     * write inserts a new ref only where storage has no row of it), the pool answers as one that
     * keeps every ref up to the first step with a new ref that storage holds already: there the
     * write fails, and the batch is done again with the refs looked up (the property above). So
     * the check of the new refs catches every answer that the missing look-up changed.
     */
    @Property(tries = 300)
    void whereNewCallsAreNotLookedUpOnlyANewRefThatIsStoredAlreadyAnswersOtherwise(
            @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 0, max = 4) int licensed,
            @ForAll @IntRange(min = 1, max = 30) int inMemory) {
        LicencePool forgetful = LicenceFixtures.pool(licensed, 7, 3);
        LicencePool keeping = LicenceFixtures.pool(licensed, 7, 3);
        Map<String, HeldRef> stored = new HashMap<>();
        Instant at = LicenceFixtures.NINE;
        for (Step s : steps) {
            at = at.plusSeconds(1);
            String subject = s.subject() < 7 ? String.valueOf(100 + s.subject()) : String.valueOf(900 + s.subject() - 7);
            LicenceEvent event = new LicenceEvent(s.type(), subject, "r" + s.ref(), s.emergency() ? "112" : "+49301",
                    at, null);
            forgetful.letGo(at, Duration.ofSeconds(inMemory));
            if (forgetful.mayRepeat(event, true)) {
                HeldRef kept = stored.get(event.type().reason() + "/" + event.ref());
                if (kept != null && kept.state() != HeldRef.State.HELD) {
                    forgetful.recall(List.of(copy(kept)));
                }
            }
            Object answer = outcome(forgetful, event);
            Object expected = outcome(keeping, event);
            LicencePool.Changes a = forgetful.drainChanges();
            LicencePool.Changes b = keeping.drainChanges();
            if (a.newRefs().stream().anyMatch(r -> stored.containsKey(r.reason() + "/" + r.ref()))) {
                return; // the write fails on the table's key here
            }
            assertThat(answer).isEqualTo(expected);
            assertThat(a.records()).isEqualTo(b.records());
            assertThat(a.refs().stream().map(LicencePoolProperties::copy).map(LicencePoolProperties::row).toList())
                    .isEqualTo(b.refs().stream().map(LicencePoolProperties::row).toList());
            a.refs().forEach(r -> stored.put(r.reason() + "/" + r.ref(), copy(r)));
            assertThat(forgetful.holders()).isEqualTo(keeping.holders());
        }
    }

    private static HeldRef copy(HeldRef r) {
        return new HeldRef(r.reason(), r.ref(), r.subject(), r.state(), r.emergency(), r.since(), r.lastSeen(),
                r.device());
    }

    private static List<Object> row(HeldRef r) {
        return java.util.Arrays.asList(r.reason(), r.ref(), r.subject(), r.state(), r.emergency(), r.since(),
                r.lastSeen(), r.device());
    }

    private static Object outcome(LicencePool pool, LicenceEvent event) {
        try {
            return pool.apply(event);
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    @Property(tries = 300)
    void aRepeatedEventChangesNothing(@ForAll("steps") List<Step> steps) {
        LicencePool pool = LicenceFixtures.pool(3, 7, 3);
        Instant at = LicenceFixtures.NINE;
        for (Step s : steps) {
            at = at.plusSeconds(1);
            String subject = s.subject() < 7 ? String.valueOf(100 + s.subject()) : String.valueOf(900 + s.subject() - 7);
            LicenceEvent event = new LicenceEvent(s.type(), subject, "r" + s.ref(), s.emergency() ? "112" : "+49301", at);
            Decision first;
            try {
                first = pool.apply(event);
            } catch (InvalidInputException e) {
                continue;
            }
            List<Holder> holders = pool.holders();
            pool.drainChanges();
            if (s.type() == EventType.MOBILE_PAIRED && !first.admitted()) {
                continue; // a refused device may pair again: decided anew
            }
            Decision again = pool.apply(event);
            assertThat(pool.holders()).isEqualTo(holders);
            assertThat(again.admitted()).isEqualTo(first.admitted());
            assertThat(again.occupied()).isEqualTo(first.occupied());
            assertThat(pool.drainChanges().records()).isEmpty();
        }
    }
}
