package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.licensing.SizingAdvicePolicy.Kind;

class SizingAdvicePolicyTest {

    static List<Integer> hours(int value, int count, int rest, int restCount) {
        List<Integer> list = new ArrayList<>(Collections.nCopies(count, value));
        list.addAll(Collections.nCopies(restCount, rest));
        return list;
    }

    @Test
    void refusalsAskForAnUpgrade() {
        var advice = SizingAdvicePolicy.advise(16, hours(15, 100, 4, 620), 3);
        assertThat(advice.kind()).isEqualTo(Kind.UPGRADE);
        assertThat(advice.recommended()).isEqualTo(18);
        assertThat(advice.sentence()).contains("3 licences were refused");
    }

    @Test
    void aPeakAtTheLicenceAsksForAnUpgrade() {
        var advice = SizingAdvicePolicy.advise(10, hours(10, 2, 3, 718), 0);
        assertThat(advice.kind()).isEqualTo(Kind.UPGRADE);
        assertThat(advice.peak()).isEqualTo(10);
        assertThat(advice.recommended()).isEqualTo(11);
    }

    @Test
    void aLowPercentileSuggestsFewerAtRenewalButNeverBelowThePeak() {
        // 95% of 720 hours at or below 6; the busiest 5% at 9.
        var advice = SizingAdvicePolicy.advise(16, hours(9, 30, 6, 690), 0);
        assertThat(advice.percentile95()).isEqualTo(6);
        assertThat(advice.kind()).isEqualTo(Kind.DOWNGRADE_AT_RENEWAL);
        assertThat(advice.recommended()).isEqualTo(9);
    }

    @Test
    void aWellUsedLicenceIsKept() {
        var advice = SizingAdvicePolicy.advise(16, hours(14, 100, 12, 620), 0);
        assertThat(advice.kind()).isEqualTo(Kind.KEEP);
        assertThat(advice.recommended()).isEqualTo(16);
    }

    @Test
    void percentileByNearestRank() {
        assertThat(SizingAdvicePolicy.percentile95(List.of())).isZero();
        assertThat(SizingAdvicePolicy.percentile95(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                18, 19, 20))).isEqualTo(19);
    }
}
