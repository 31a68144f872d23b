package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.switchboard.telephony.internal.Nonces.Check;
import org.switchboard.testing.MutableClock;

class NoncesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private final byte[] key = new byte[32];
    private final Nonces nonces = new Nonces(key, clock, Duration.ofMinutes(5));

    @Test
    void aNonceIsGoodOncePerCountAndEachUseMustCountUp() {
        String nonce = nonces.issue();
        assertThat(nonces.check(nonce, "00000001")).isEqualTo(Check.GOOD);
        assertThat(nonces.check(nonce, "00000001")).as("the same request again").isEqualTo(Check.REPLAYED);
        assertThat(nonces.check(nonce, "00000002")).isEqualTo(Check.GOOD);
        assertThat(nonces.check(nonce, "00000002")).isEqualTo(Check.REPLAYED);
        assertThat(nonces.check(nonce, "zz")).as("not a count").isEqualTo(Check.MALFORMED);
        assertThat(nonces.check(nonce, "00000000")).as("no use is number 0").isEqualTo(Check.MALFORMED);
        assertThat(nonces.check(nonce, "100000000")).as("more than eight digits").isEqualTo(Check.MALFORMED);
        assertThat(nonces.check(nonce, "-0000003")).isEqualTo(Check.MALFORMED);
        assertThat(nonces.check(nonce, "\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0663"))
                .as("digits of another script").isEqualTo(Check.MALFORMED);
        assertThat(nonces.check(nonce, "0000000A")).as("upper-case hex is a count").isEqualTo(Check.GOOD);
    }

    @Test
    void aNonceGoesStaleAfterItsLifetime() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(nonces.check(nonce, "00000001")).isEqualTo(Check.STALE);
    }

    @Test
    void aNonceNotSignedWithTheKeyIsForgedAnyNodeWithTheKeyAcceptsIt() {
        String nonce = nonces.issue();
        String tampered = (nonce.charAt(0) == 'A' ? 'B' : 'A') + nonce.substring(1);
        assertThat(nonces.check(tampered, "00000001")).isEqualTo(Check.FORGED);
        assertThat(nonces.check("not-a-nonce", "00000001")).isEqualTo(Check.FORGED);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThat(new Nonces(other, clock, Duration.ofMinutes(5)).check(nonce, "00000001")).isEqualTo(Check.FORGED);
        assertThat(new Nonces(key, clock, Duration.ofMinutes(5)).check(nonce, "00000001"))
                .as("another node with the shared key").isEqualTo(Check.GOOD);
    }

    @Test
    void whenTooManyNoncesAreLiveAFreshOneIsAskedForAndOnceTheyExpireCountingGoesOn() {
        Nonces small = new Nonces(key, clock, Duration.ofMinutes(5), 3);
        for (int i = 0; i < 3; i++) {
            assertThat(small.check(small.issue(), "00000001")).isEqualTo(Check.GOOD);
        }
        String fourth = small.issue();
        assertThat(small.check(fourth, "00000001")).as("not tracked: stale, so the phone asks afresh")
                .isEqualTo(Check.STALE);
        clock.advance(Duration.ofMinutes(6));
        String fresh = small.issue();
        assertThat(small.check(fresh, "00000001")).as("the old ones expired when the table was full")
                .isEqualTo(Check.GOOD);
        assertThat(small.check(fresh, "00000001")).isEqualTo(Check.REPLAYED);
        assertThat(small.tracked()).isEqualTo(1);
    }
}
