package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.connector.EventType.CALL_ENDED;
import static org.switchboard.connector.EventType.DESKTOP_CLOSED;
import static org.switchboard.connector.EventType.DESKTOP_HEARTBEAT;
import static org.switchboard.connector.EventType.DESKTOP_OPENED;
import static org.switchboard.connector.EventType.INBOUND_CALL;
import static org.switchboard.connector.EventType.MOBILE_PAIRED;
import static org.switchboard.connector.EventType.MOBILE_UNPAIRED;
import static org.switchboard.connector.EventType.OUTBOUND_CALL_STARTED;
import static org.switchboard.licensing.LicenceFixtures.NINE;
import static org.switchboard.licensing.LicenceFixtures.call;
import static org.switchboard.licensing.LicenceFixtures.event;
import static org.switchboard.licensing.LicenceFixtures.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.Reason;
import org.switchboard.connector.Verdict;
import org.switchboard.platform.InvalidInputException;

class LicencePoolTest {

    @Test
    void aDesktopAMobileAndTwoCallsOfOnePersonHoldOneLicence() {
        LicencePool pool = pool(1, 2, 0);
        assertThat(pool.apply(event(DESKTOP_OPENED, "100", "d1")).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(pool.apply(event(MOBILE_PAIRED, "100", "m1")).verdict()).isEqualTo(Verdict.ALREADY_HELD);
        assertThat(pool.apply(call("100", "c1", "+4930123456")).admitted()).isTrue();
        Decision second = pool.apply(call("100", "c2", "+4989123456"));
        assertThat(second.admitted()).isTrue();
        assertThat(second.occupied()).isEqualTo(1);
        assertThat(pool.holders()).singleElement().satisfies(h -> assertThat(h.reasons())
                .containsExactlyInAnyOrder(Reason.DESKTOP_SESSION, Reason.MOBILE_PAIRING, Reason.OUTBOUND_CALL));

        // The pool of one is full: another person is refused.
        assertThat(pool.apply(event(DESKTOP_OPENED, "101", "d2")).admitted()).isFalse();

        // The licence is held until the last reason ends.
        assertThat(pool.apply(event(CALL_ENDED, "100", "c1")).verdict()).isEqualTo(Verdict.STILL_HELD);
        assertThat(pool.apply(event(DESKTOP_CLOSED, "100", "d1")).verdict()).isEqualTo(Verdict.STILL_HELD);
        assertThat(pool.apply(event(MOBILE_UNPAIRED, "100", "m1")).verdict()).isEqualTo(Verdict.STILL_HELD);
        Decision last = pool.apply(event(CALL_ENDED, "100", "c2"));
        assertThat(last.verdict()).isEqualTo(Verdict.RELEASED);
        assertThat(last.occupied()).isZero();
        assertThat(pool.apply(event(DESKTOP_OPENED, "101", "d3")).admitted()).isTrue();
    }

    @Test
    void eachReasonKeepsTheDeviceItStartedFromUntilItsReleaseEvenWhenTheEndNamesNone() {
        LicencePool pool = pool(1, 2, 0);
        LicenceDevice desk = new LicenceDevice("dev-1", "Desk phone 100");
        pool.apply(new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "100", "c1", "+4930123456", NINE, desk));
        pool.apply(new LicenceEvent(DESKTOP_OPENED, "100", "d1", null, NINE.plusSeconds(5)));
        assertThat(pool.holders()).singleElement().satisfies(h -> assertThat(h.holds())
                .extracting(Holder.Hold::reason, Holder.Hold::deviceName, Holder.Hold::since)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Reason.OUTBOUND_CALL, "Desk phone 100", NINE),
                        org.assertj.core.groups.Tuple.tuple(Reason.DESKTOP_SESSION, null, NINE.plusSeconds(5))));
        // a refusal names the device that asked
        LicenceDevice dect = new LicenceDevice("dev-2", "DECT handset 101");
        pool.apply(new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "101", "c2", "+4930123456", NINE, dect));
        pool.apply(new LicenceEvent(CALL_ENDED, "100", "c1", null, NINE.plusSeconds(60)));

        List<LicenceRecord> records = pool.drainChanges().records();
        assertThat(records).extracting(LicenceRecord::action, r -> r.device() == null ? null : r.device().name())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RecordAction.ADMITTED, "Desk phone 100"),
                        org.assertj.core.groups.Tuple.tuple(RecordAction.ADMITTED, null),
                        org.assertj.core.groups.Tuple.tuple(RecordAction.REFUSED, "DECT handset 101"),
                        org.assertj.core.groups.Tuple.tuple(RecordAction.RELEASED, "Desk phone 100"));
    }

    @Test
    void inboundCallsNeverOccupyAndAreAlwaysAccepted() {
        LicencePool pool = pool(0, 1, 1);
        Decision inbound = pool.apply(event(INBOUND_CALL, "100", "in1"));
        assertThat(inbound.admitted()).isTrue();
        assertThat(inbound.occupied()).isZero();
        assertThat(pool.apply(event(INBOUND_CALL, "900", "in2")).admitted()).isTrue();
        assertThat(pool.drainChanges().records()).isEmpty();
    }

    @Test
    void aFunctionExtensionHoldsALicenceOnlyWhileCallingOut() {
        LicencePool pool = pool(1, 0, 1);
        assertThatThrownBy(() -> pool.apply(event(DESKTOP_OPENED, "900", "d1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("function extension");
        assertThatThrownBy(() -> pool.apply(event(MOBILE_PAIRED, "900", "m1")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(pool.apply(event(INBOUND_CALL, "900", "in")).occupied()).isZero();
        assertThat(pool.apply(call("900", "fax1", "+4930999")).occupied()).isEqualTo(1);
        assertThat(pool.apply(event(CALL_ENDED, "900", "fax1")).occupied()).isZero();
    }

    @Test
    void refusalsSayWhatStillWorks() {
        LicencePool pool = pool(1, 2, 0);
        pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        Decision desktop = pool.apply(event(DESKTOP_OPENED, "101", "d2"));
        assertThat(desktop.admitted()).isFalse();
        assertThat(desktop.reason()).contains("inbound calls only");
        Decision mobile = pool.apply(event(MOBILE_PAIRED, "101", "m2"));
        assertThat(mobile.reason()).contains("not paired");
        Decision outbound = pool.apply(call("101", "c2", "+4930123"));
        assertThat(outbound.reason()).startsWith("Licence limit reached");
        assertThat(outbound.occupied()).isEqualTo(1);
        // A refused desktop session holds nothing: its heartbeats say so.
        assertThat(pool.apply(event(DESKTOP_HEARTBEAT, "101", "d2")).verdict()).isEqualTo(Verdict.SESSION_WITHOUT_LICENCE);
        assertThat(pool.drainChanges().records()).extracting(LicenceRecord::action)
                .containsExactly(RecordAction.ADMITTED, RecordAction.REFUSED, RecordAction.REFUSED, RecordAction.REFUSED);
    }

    @Test
    void anEmergencyCallIsAdmittedOverTheLimitAndRecordedAsSuch() {
        LicencePool pool = pool(1, 3, 1);
        pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        pool.drainChanges();
        Decision emergency = pool.apply(call("101", "e1", "112"));
        assertThat(emergency.verdict()).isEqualTo(Verdict.EMERGENCY_OVER_LIMIT);
        assertThat(emergency.occupied()).isEqualTo(2);
        assertThat(emergency.emergency()).isTrue();
        assertThat(pool.apply(call("900", "e2", "110")).admitted()).isTrue();
        assertThat(pool.regularHolders()).isEqualTo(1);
        assertThat(pool.drainChanges().records()).allSatisfy(r -> assertThat(r.emergency()).isTrue());

        // Over the limit, the emergency holder gets nothing else.
        assertThat(pool.apply(event(DESKTOP_OPENED, "101", "d2")).admitted()).isFalse();
        assertThat(pool.apply(event(CALL_ENDED, "101", "e1")).verdict()).isEqualTo(Verdict.RELEASED);
        assertThat(pool.occupied()).isEqualTo(2);
    }

    @Test
    void emergencyNumbersAreThoseOfTheInstancesCountry() {
        assertThat(LicencePolicy.isEmergency("112", "DE")).isTrue();
        assertThat(LicencePolicy.isEmergency("110", "DE")).isTrue();
        assertThat(LicencePolicy.isEmergency("911", "US")).isTrue();
        assertThat(LicencePolicy.isEmergency("144", "AT")).isTrue();
        assertThat(LicencePolicy.isEmergency("911", "DE")).isFalse();
        assertThat(LicencePolicy.isEmergency("+4930123456", "DE")).isFalse();
        assertThat(LicencePolicy.isEmergency(null, "DE")).isFalse();
    }

    @Test
    void anEmergencyHolderWithinThePoolKeepsAnOrdinaryLicence() {
        LicencePool pool = pool(2, 2, 0);
        assertThat(pool.apply(call("100", "e1", "112")).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(pool.regularHolders()).isEqualTo(1);
        assertThat(pool.apply(event(DESKTOP_OPENED, "100", "d1")).verdict()).isEqualTo(Verdict.ALREADY_HELD);
    }

    @Test
    void aShrinkingPoolKeepsItsHoldersAndAdmitsOnlyBelowTheNewSize() {
        LicencePool pool = pool(3, 4, 0);
        pool.apply(event(DESKTOP_OPENED, "100", "d0"));
        pool.apply(event(DESKTOP_OPENED, "101", "d1"));
        pool.apply(event(DESKTOP_OPENED, "102", "d2"));
        pool.resize(1);
        assertThat(pool.occupied()).isEqualTo(3);
        assertThat(pool.apply(event(DESKTOP_HEARTBEAT, "101", "d1")).admitted()).isTrue();
        assertThat(pool.apply(call("101", "c1", "+4930123")).admitted()).isTrue(); // holds one already
        assertThat(pool.apply(event(DESKTOP_OPENED, "103", "d3")).admitted()).isFalse();
        pool.apply(event(DESKTOP_CLOSED, "100", "d0"));
        pool.apply(event(DESKTOP_CLOSED, "102", "d2"));
        assertThat(pool.apply(event(DESKTOP_OPENED, "103", "d4")).admitted()).isFalse(); // 1 held, pool 1
        pool.apply(event(CALL_ENDED, "101", "c1"));
        pool.apply(event(DESKTOP_CLOSED, "101", "d1"));
        assertThat(pool.apply(event(DESKTOP_OPENED, "103", "d5")).admitted()).isTrue();
    }

    @Test
    void repeatedEventsChangeNothingAndAreAnsweredAlike() {
        LicencePool pool = pool(1, 2, 0);
        Decision first = pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        Decision again = pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        assertThat(again).isEqualTo(first);
        Decision refused = pool.apply(call("101", "c1", "+4930"));
        pool.apply(event(DESKTOP_CLOSED, "100", "d1"));
        // The refused call is answered as before even though a licence is free now.
        assertThat(pool.apply(call("101", "c1", "+4930")).verdict()).isEqualTo(refused.verdict());
        assertThat(pool.apply(event(DESKTOP_CLOSED, "100", "d1")).verdict()).isEqualTo(Verdict.NOTHING_HELD);
        // A late duplicate of the opening does not open the closed session again.
        assertThat(pool.apply(event(DESKTOP_OPENED, "100", "d1")).admitted()).isFalse();
        assertThat(pool.occupied()).isZero();
        // An end for a call nobody knows is harmless.
        assertThat(pool.apply(event(CALL_ENDED, "100", "nope")).verdict()).isEqualTo(Verdict.NOTHING_HELD);
        assertThat(pool.apply(event(CALL_ENDED, "100", "nope")).verdict()).isEqualTo(Verdict.NOTHING_HELD);
    }

    @Test
    void aMobileDeviceMayPairAgainAfterItWasRefusedOrUnpaired() {
        LicencePool pool = pool(1, 2, 0);
        pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        assertThat(pool.apply(event(MOBILE_PAIRED, "101", "phone")).admitted()).isFalse();
        pool.apply(event(DESKTOP_CLOSED, "100", "d1"));
        assertThat(pool.apply(event(MOBILE_PAIRED, "101", "phone")).admitted()).isTrue();
        pool.apply(event(MOBILE_UNPAIRED, "101", "phone"));
        assertThat(pool.apply(event(MOBILE_PAIRED, "101", "phone")).admitted()).isTrue();
    }

    @Test
    void unknownSubjectsAndForeignRefsAreBadInputAndChangeNothing() {
        LicencePool pool = pool(1, 2, 0);
        assertThatThrownBy(() -> pool.apply(event(DESKTOP_OPENED, "555", "d1")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("subject"));
        pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        assertThatThrownBy(() -> pool.apply(event(DESKTOP_OPENED, "101", "d1")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("ref"));
        assertThat(pool.occupied()).isEqualTo(1);
    }

    @Test
    void aHeartbeatIsStoredOnlyWhenItMovedOnByTheStoreInterval() {
        LicencePool pool = pool(1, 1, 0);
        pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        pool.drainChanges();
        assertThat(pool.apply(new LicenceEvent(DESKTOP_HEARTBEAT, "100", "d1", null, NINE.plusSeconds(10))).admitted())
                .isTrue();
        assertThat(pool.drainChanges().isEmpty()).isTrue();
        pool.apply(new LicenceEvent(DESKTOP_HEARTBEAT, "100", "d1", null, NINE.plusSeconds(30)));
        assertThat(pool.drainChanges().refs()).extracting(HeldRef::lastSeen).containsExactly(NINE.plusSeconds(30));
        pool.apply(new LicenceEvent(DESKTOP_HEARTBEAT, "100", "d1", null, NINE.plusSeconds(59)));
        assertThat(pool.drainChanges().isEmpty()).isTrue();
        // In memory the session is as fresh as its last beat.
        assertThat(pool.reclaim(NINE.plusSeconds(148), LicencePolicy.DEFAULT_HEARTBEAT_TIMEOUT,
                LicencePolicy.DEFAULT_CALL_TIMEOUT)).isZero();
    }

    @Test
    void silentDesktopsAndEndlessCallsAreReclaimed() {
        LicencePool pool = pool(2, 2, 0);
        pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        pool.apply(call("101", "c1", "+4930"));
        pool.apply(new LicenceEvent(DESKTOP_HEARTBEAT, "100", "d1", null, NINE.plusSeconds(60)));
        pool.drainChanges();
        assertThat(pool.reclaim(NINE.plusSeconds(149), LicencePolicy.DEFAULT_HEARTBEAT_TIMEOUT,
                LicencePolicy.DEFAULT_CALL_TIMEOUT)).isZero();
        assertThat(pool.reclaim(NINE.plusSeconds(150), LicencePolicy.DEFAULT_HEARTBEAT_TIMEOUT,
                LicencePolicy.DEFAULT_CALL_TIMEOUT)).isEqualTo(1);
        assertThat(pool.holders()).extracting(Holder::subject).containsExactly("101");
        assertThat(pool.reclaim(NINE.plus(Duration.ofHours(12)), LicencePolicy.DEFAULT_HEARTBEAT_TIMEOUT,
                LicencePolicy.DEFAULT_CALL_TIMEOUT)).isEqualTo(1);
        assertThat(pool.occupied()).isZero();
        assertThat(pool.drainChanges().records()).extracting(LicenceRecord::action)
                .containsExactly(RecordAction.RECLAIMED, RecordAction.RECLAIMED);
    }

    @Test
    void aForcedReleaseIsRecordedWithWhoDidIt() {
        LicencePool pool = pool(1, 1, 0);
        pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        pool.apply(event(MOBILE_PAIRED, "100", "m1"));
        pool.drainChanges();
        assertThat(pool.forceRelease("100", "admin@huber.example", NINE)).isTrue();
        List<LicenceRecord> records = pool.drainChanges().records();
        assertThat(records).extracting(LicenceRecord::action).containsOnly(RecordAction.FORCE_RELEASED);
        assertThat(records).extracting(LicenceRecord::actor).containsOnly("admin@huber.example");
        assertThat(records.get(records.size() - 1).licenceChanged()).isTrue();
        assertThat(pool.occupied()).isZero();
    }

    @Test
    void aRestoredPoolHasTheSameHoldersAndAnswers() {
        LicencePool pool = pool(2, 3, 0);
        pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        pool.apply(call("101", "e1", "112"));
        pool.apply(call("102", "c1", "+4930"));
        LicencePool restored = LicencePool.restore(pool.instanceId(), 2, "DE", java.util.Map.of("100",
                SubjectKind.EMPLOYEE, "101", SubjectKind.EMPLOYEE, "102", SubjectKind.EMPLOYEE), pool.knownRefs(),
                pool.holders());
        assertThat(restored.holders()).isEqualTo(pool.holders());
        assertThat(restored.regularHolders()).isEqualTo(pool.regularHolders());
        assertThat(restored.apply(call("102", "c1", "+4930"))).isEqualTo(pool.apply(call("102", "c1", "+4930")));
        assertThat(Set.copyOf(restored.holders())).hasSize(2);
    }

    @Test
    void endedAndRefusedRefsStayInMemoryBetweenHalfTheWindowAndTheWindowThenARepeatNeedsThemReadBack() {
        Duration window = Duration.ofMinutes(10);
        Instant later = NINE.plus(window);
        LicencePool pool = pool(1, 2, 0);
        pool.letGo(NINE, window); // starts the clock of the generations: the first turn at 09:05
        pool.apply(call("100", "c1", "+4930"));
        pool.apply(new LicenceEvent(CALL_ENDED, "100", "c1", null, NINE.plusSeconds(60)));
        pool.apply(call("100", "c2", "+4930"));
        Decision refused = pool.apply(call("101", "c3", "+4930"));
        assertThat(refused.verdict()).isEqualTo(Verdict.CALL_REFUSED);
        pool.drainChanges();
        LicenceEvent repeatedStart = call("100", "c1", "+4930");
        LicenceEvent repeatedEnd = event(CALL_ENDED, "100", "c1");
        assertThat(pool.mayRepeat(repeatedStart, false)).isFalse();

        assertThat(pool.letGo(NINE.plus(Duration.ofMinutes(4)), window)).isZero();
        assertThat(pool.letGo(NINE.plus(Duration.ofMinutes(5)), window)).isZero(); // now the older generation
        assertThat(pool.apply(repeatedStart).verdict()).isEqualTo(Verdict.ENDED_BEFORE);
        assertThat(pool.apply(call("101", "c3", "+4930")).verdict()).isEqualTo(Verdict.CALL_REFUSED);
        assertThat(pool.letGo(NINE.plus(Duration.ofMinutes(10)), window)).isEqualTo(2); // c1 ended, c3 refused
        assertThat(pool.knownRefs()).extracting(HeldRef::ref).containsExactly("c2");

        // Not known now: a start or end of them may be a repeat; a heartbeat is answered alike in any case.
        assertThat(pool.mayRepeat(repeatedStart, false)).isTrue();
        assertThat(pool.mayRepeat(repeatedEnd, false)).isTrue();
        assertThat(pool.mayRepeat(call("101", "c3", "+4930"), false)).isTrue();
        assertThat(pool.mayRepeat(event(DESKTOP_HEARTBEAT, "100", "c1"), false)).isFalse();
        assertThat(pool.mayRepeat(event(CALL_ENDED, "100", "c2"), false)).isFalse();
        assertThat(pool.mayRepeat(event(INBOUND_CALL, "100", "i1"), false)).isFalse();

        // Read back as storage keeps them, the repeats are answered as the first time and change nothing.
        pool.recall(List.of(
                new HeldRef(Reason.OUTBOUND_CALL, "c1", "100", HeldRef.State.ENDED, false, NINE, NINE.plusSeconds(60)),
                new HeldRef(Reason.OUTBOUND_CALL, "c3", "101", HeldRef.State.REFUSED, false, NINE, NINE),
                new HeldRef(Reason.OUTBOUND_CALL, "c2", "100", HeldRef.State.ENDED, false, NINE, NINE)));
        assertThat(pool.mayRepeat(repeatedStart, false)).isFalse();
        pool.apply(event(CALL_ENDED, "100", "c2")); // its licence given back: a new c3 would be admitted
        pool.drainChanges();
        assertThat(pool.apply(repeatedStart).verdict()).isEqualTo(Verdict.ENDED_BEFORE);
        assertThat(pool.apply(repeatedEnd).verdict()).isEqualTo(Verdict.NOTHING_HELD);
        assertThat(pool.apply(call("101", "c3", "+4930")).verdict()).isEqualTo(Verdict.CALL_REFUSED);
        assertThatThrownBy(() -> pool.apply(call("101", "c1", "+4930"))).isInstanceOf(InvalidInputException.class);
        assertThat(pool.drainChanges().isEmpty()).isTrue();
        assertThat(pool.occupied()).isZero();
    }

    @Test
    void aNewCallsStartNeedsNoLookUpWhereTheWriteChecksThatItsRefIsNotStored() {
        LicencePool pool = pool(1, 2, 0);
        LicenceEvent newCall = call("100", "n1", "+4930");
        assertThat(pool.mayRepeat(newCall, true)).as("the write checks it").isFalse();
        assertThat(pool.mayRepeat(newCall, false)).isTrue();
        assertThat(pool.mayRepeat(event(DESKTOP_OPENED, "100", "d9"), true))
                .as("a desktop session's ref starts again by design").isTrue();
        assertThat(pool.mayRepeat(event(CALL_ENDED, "100", "n0"), true)).as("an end of an unknown ref").isTrue();

        pool.apply(newCall);
        pool.apply(event(MOBILE_PAIRED, "100", "m1"));
        LicencePool.Changes first = pool.drainChanges();
        assertThat(first.newRefs()).extracting(HeldRef::ref).containsExactlyInAnyOrder("n1", "m1");
        assertThat(first.refs()).extracting(HeldRef::ref).containsExactly("n1", "m1");

        // known now: ended, paired again, or repeated, none of them is new to storage
        pool.apply(event(CALL_ENDED, "100", "n1"));
        pool.apply(event(MOBILE_UNPAIRED, "100", "m1"));
        pool.drainChanges();
        assertThat(pool.apply(event(MOBILE_PAIRED, "100", "m1")).verdict()).isEqualTo(Verdict.ADMITTED);
        assertThat(pool.apply(newCall).verdict()).isEqualTo(Verdict.ENDED_BEFORE);
        LicencePool.Changes second = pool.drainChanges();
        assertThat(second.refs()).extracting(HeldRef::ref).containsExactly("m1");
        assertThat(second.newRefs()).isEmpty();
    }

    @Test
    void aPoolQuietForLongerThanTheWindowLetsGoOfAllAtItsNextEvent() {
        Duration window = Duration.ofMinutes(10);
        LicencePool pool = pool(2, 2, 0);
        pool.letGo(NINE, window);
        pool.apply(event(DESKTOP_OPENED, "100", "d1"));
        pool.apply(event(DESKTOP_CLOSED, "100", "d1"));
        pool.apply(event(DESKTOP_OPENED, "101", "d2"));
        pool.drainChanges();
        assertThat(pool.letGo(NINE.plus(Duration.ofHours(3)), window)).isEqualTo(1);
        assertThat(pool.knownRefs()).extracting(HeldRef::ref).containsExactly("d2"); // held refs stay
    }
}
