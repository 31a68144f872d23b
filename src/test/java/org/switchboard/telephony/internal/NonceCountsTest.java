package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.switchboard.telephony.internal.NonceCounts.Use;

class NonceCountsTest {

    private static final long LIFETIME = 300_000;

    @Test
    void fiveThousandNewNoncesASecondForTenMinutesAreAllCountedAndReplaysStillRefusedInBoundedMemory() {
        NonceCounts counts = new NonceCounts(LIFETIME, Nonces.MAX_TRACKED);
        SplittableRandom random = new SplittableRandom(7);
        long start = 1_800_000_000_000L;
        long maxTracked = 0;
        long[] earlier = null;
        long notCounted = 0;
        for (int second = 0; second < 600; second++) {
            for (int i = 0; i < 5_000; i++) {
                long issued = start + second * 1_000L + i / 5;
                long rnd = random.nextLong();
                // the REGISTER with credentials answers the challenge that issued the nonce, at once
                if (counts.use(issued, rnd, 1) != Use.COUNTED) {
                    notCounted++;
                }
                if (second == 550 && i == 0) {
                    earlier = new long[] { issued, rnd };
                }
            }
            if (second % 60 == 59) {
                counts.expire(start + second * 1_000L);
            }
            maxTracked = Math.max(maxTracked, counts.tracked());
        }
        assertThat(notCounted).as("nonces of 3,000,000 REGISTERs not counted").isZero();
        assertThat(counts.use(earlier[0], earlier[1], 1)).as("the same request again, 50 s and 250,000 nonces later")
                .isEqualTo(Use.REPLAYED);
        assertThat(counts.use(earlier[0], earlier[1], 2)).as("the next count of that nonce").isEqualTo(Use.COUNTED);
        // at most the nonces of a lifetime and the slices not yet dropped: far below the 3,000,000 cap
        long slice = LIFETIME / NonceCounts.SLICES_PER_LIFETIME;
        assertThat(maxTracked).isLessThanOrEqualTo(5_000 * (LIFETIME + 3 * slice) / 1_000);
        counts.expire(start + 600_000 + LIFETIME + 2 * slice);
        assertThat(counts.tracked()).as("all past their lifetime").isZero();
    }

    @Test
    void aFullTableRefusesToTrackMoreUntilOldNoncesExpire() {
        NonceCounts counts = new NonceCounts(LIFETIME, 1_000);
        long t = 1_800_000_000_000L;
        for (int i = 0; i < 1_000; i++) {
            assertThat(counts.use(t, i + 1, 1)).isEqualTo(Use.COUNTED);
        }
        assertThat(counts.use(t, 5_000, 1)).as("a thousand and first nonce").isEqualTo(Use.UNTRACKED);
        assertThat(counts.use(t, 1, 1)).as("a tracked one is still checked").isEqualTo(Use.REPLAYED);
        assertThat(counts.use(t, 1, 2)).isEqualTo(Use.COUNTED);
        counts.expire(t + LIFETIME + LIFETIME / 8);
        assertThat(counts.tracked()).isZero();
        long later = t + LIFETIME + LIFETIME / 8;
        assertThat(counts.use(later, 5_000, 1)).isEqualTo(Use.COUNTED);
    }

    @Test
    void countsMustRiseAndAreUnsigned32Bit() {
        NonceCounts counts = new NonceCounts(LIFETIME, 100);
        long t = 1_800_000_000_000L;
        assertThat(counts.use(t, 42, 0xFFFF_FFF0L)).isEqualTo(Use.COUNTED);
        assertThat(counts.use(t, 42, 5)).isEqualTo(Use.REPLAYED);
        assertThat(counts.use(t, 42, 0xFFFF_FFFFL)).isEqualTo(Use.COUNTED);
        assertThat(counts.use(t, 42, 0x1_0000_0000L)).as("more than 8 hex digits").isEqualTo(Use.REPLAYED);
        assertThat(counts.use(t, 43, 1)).as("another nonce of the same millisecond").isEqualTo(Use.COUNTED);
        assertThat(counts.use(t + 1, 42, 1)).as("same random part, another issue time").isEqualTo(Use.COUNTED);
    }
}
