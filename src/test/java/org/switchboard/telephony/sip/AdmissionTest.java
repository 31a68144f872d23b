package org.switchboard.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The door's admission decision without a network or a clock: new work is refused only once work
 * has waited above the target for a whole interval, and the refusing ends as soon as new work is
 * served in time again or nothing waits.
 */
class AdmissionTest {

    private static final long MS = 1_000_000L;
    private final Admission admission = new Admission(50 * MS, 100 * MS);

    @Test
    void aBurstThatWaitsAboveTheTargetForLessThanTheIntervalIsNotRefused() {
        admission.taken(80 * MS, 1_000 * MS, true);
        admission.taken(90 * MS, 1_050 * MS, true);
        admission.taken(120 * MS, 1_099 * MS, true);

        assertThat(admission.admitsNew(false)).isTrue();
    }

    @Test
    void waitsAboveTheTargetForAWholeIntervalRefuseNewWork() {
        admission.taken(80 * MS, 1_000 * MS, true);
        admission.taken(90 * MS, 1_100 * MS, true);

        assertThat(admission.admitsNew(false)).as("new work, waits 80-90 ms for 100 ms").isFalse();
        assertThat(admission.refusing()).isTrue();
    }

    @Test
    void aShortWaitOfWorkBegunDoesNotEndTheRefusingWhileNewWorkStandsButANewRequestServedInTimeDoes() {
        admission.taken(80 * MS, 1_000 * MS, true);
        admission.taken(90 * MS, 1_100 * MS, true);
        assertThat(admission.refusing()).isTrue();

        admission.taken(1 * MS, 1_110 * MS, false); // a BYE, taken first: says nothing of the new work waiting
        assertThat(admission.admitsNew(false)).isFalse();

        admission.taken(10 * MS, 1_120 * MS, true); // a new request served within the target
        assertThat(admission.admitsNew(false)).isTrue();
    }

    @Test
    void aWaitBelowTheTargetInTheIntervalStartsItAgain() {
        admission.taken(80 * MS, 1_000 * MS, true);
        admission.taken(10 * MS, 1_050 * MS, true);
        admission.taken(80 * MS, 1_100 * MS, true);
        admission.taken(80 * MS, 1_150 * MS, true);

        assertThat(admission.admitsNew(false)).as("above the target for 50 ms only since it was last below").isTrue();
        admission.taken(80 * MS, 1_200 * MS, true);
        assertThat(admission.admitsNew(false)).isFalse();
    }

    @Test
    void anEmptyQueueEndsTheRefusingSinceNoWaitWouldEverEndIt() {
        admission.taken(80 * MS, 1_000 * MS, true);
        admission.taken(90 * MS, 1_100 * MS, true);
        assertThat(admission.admitsNew(false)).isFalse();

        assertThat(admission.admitsNew(true)).as("nothing waits for a worker").isTrue();
        assertThat(admission.admitsNew(false)).isTrue();
    }
}
