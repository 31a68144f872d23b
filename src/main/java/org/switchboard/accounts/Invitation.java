package org.switchboard.accounts;

import java.time.Instant;
import java.util.UUID;

/** A partner's invitation of a customer, by company name and contact e-mail; valid 14 days, usable once. */
public record Invitation(UUID id, PartnerId partnerId, String partnerName, String companyName, String email,
        Instant createdAt, Instant expiresAt, Instant acceptedAt, Instant withdrawnAt) {

    public enum State { OPEN, ACCEPTED, EXPIRED, WITHDRAWN }

    public State stateAt(Instant now) {
        if (acceptedAt != null) {
            return State.ACCEPTED;
        }
        if (withdrawnAt != null) {
            return State.WITHDRAWN;
        }
        return now.isBefore(expiresAt) ? State.OPEN : State.EXPIRED;
    }
}
