package org.switchboard.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The door's admission decision without a network or a clock: new work is refused only once work
 * has waited above the target for a whole interval, work carrying credentials later, and the refusing
 * ends as soon as new work is served in time again.
 */
class AdmissionTest {

    private static final long MS = 1_000_000L;
    private final Admission admission = new Admission(50 * MS, 100 * MS);

    @Test
    void aBurstThatWaitsAboveTheTargetForLessThanTheIntervalIsNotRefused() {
        admission.taken(80 * MS, 1_000 * MS, true);
        admission.taken(90 * MS, 1_050 * MS, true);
        admission.taken(120 * MS, 1_099 * MS, true);

        assertThat(admission.admitsNew(false, false)).isTrue();
        assertThat(admission.admitsNew(true, false)).isTrue();
    }

    @Test
    void waitsAboveTheTargetForAWholeIntervalRefuseNewWorkAndCredentialsOnlyFromFourTimesTheTarget() {
        admission.taken(80 * MS, 1_000 * MS, true);
        admission.taken(90 * MS, 1_100 * MS, true);

        assertThat(admission.admitsNew(false, false)).as("new work, waits 80-90 ms for 100 ms").isFalse();
        assertThat(admission.admitsNew(true, false)).as("new work with credentials, below 200 ms").isTrue();

        admission.taken(250 * MS, 1_200 * MS, false);
        admission.taken(260 * MS, 1_300 * MS, false);
        assertThat(admission.admitsNew(true, false)).as("new work with credentials, waits above 200 ms for 100 ms").isFalse();
    }

    @Test
    void aShortWaitOfWorkBegunDoesNotEndTheRefusingWhileNewWorkStandsButANewRequestServedInTimeDoes() {
        admission.taken(80 * MS, 1_000 * MS, true);
        admission.taken(90 * MS, 1_100 * MS, true);
        assertThat(admission.refusing()).isTrue();

        admission.taken(1 * MS, 1_110 * MS, false); // a BYE, taken first: says nothing of the new work waiting
        assertThat(admission.admitsNew(false, false)).isFalse();

        admission.taken(10 * MS, 1_120 * MS, true); // a new request served within the target
        assertThat(admission.admitsNew(false, false)).isTrue();
        assertThat(admission.admitsNew(true, false)).isTrue();
    }

    @Test
    void aWaitBelowTheTargetInTheIntervalStartsItAgain() {
        admission.taken(80 * MS, 1_000 * MS, true);
        admission.taken(10 * MS, 1_050 * MS, true);
        admission.taken(80 * MS, 1_100 * MS, true);
        admission.taken(80 * MS, 1_150 * MS, true);

        assertThat(admission.admitsNew(false, false)).as("above the target for 50 ms only since it was last below").isTrue();
        admission.taken(80 * MS, 1_200 * MS, true);
        assertThat(admission.admitsNew(false, false)).isFalse();
    }

    @Test
    void anEmptyQueueEndsTheRefusingSinceNoWaitWouldEverEndIt() {
        admission.taken(80 * MS, 1_000 * MS, true);
        admission.taken(90 * MS, 1_100 * MS, true);
        assertThat(admission.admitsNew(false, false)).isFalse();

        assertThat(admission.admitsNew(false, true)).as("nothing waits for a worker").isTrue();
        assertThat(admission.admitsNew(false, false)).isTrue();
    }
}
