package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class InvitationTest {

    static final Instant SENT = Instant.parse("2026-03-01T10:00:00Z");

    static Invitation invitation(Instant accepted, Instant withdrawn) {
        return new Invitation(UUID.randomUUID(), PartnerId.random(), "P", "C", "c@example.com", SENT,
                SENT.plus(Duration.ofDays(14)), accepted, withdrawn);
    }

    @Test
    void isOpenForFourteenDaysThenExpired() {
        Invitation open = invitation(null, null);
        assertThat(open.stateAt(SENT.plus(Duration.ofDays(14)).minusSeconds(1))).isEqualTo(Invitation.State.OPEN);
        assertThat(open.stateAt(SENT.plus(Duration.ofDays(14)))).isEqualTo(Invitation.State.EXPIRED);
    }

    @Test
    void acceptedAndWithdrawnWinOverTime() {
        assertThat(invitation(SENT.plusSeconds(60), null).stateAt(SENT.plus(Duration.ofDays(30))))
                .isEqualTo(Invitation.State.ACCEPTED);
        assertThat(invitation(null, SENT.plusSeconds(60)).stateAt(SENT.plusSeconds(120)))
                .isEqualTo(Invitation.State.WITHDRAWN);
    }
}
