package org.switchboard.accounts.internal;

import java.time.Instant;
import java.util.UUID;

import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;

public record UserRow(UUID id, String email, String name, String passwordHash, Role role, UUID partnerId,
        UUID customerId, Instant emailVerifiedAt, Instant createdAt) {

    public boolean verified() {
        return emailVerifiedAt != null;
    }

    public CurrentUser asCurrentUser() {
        return new CurrentUser(new UserId(id), email, name, role,
                partnerId == null ? null : new PartnerId(partnerId),
                customerId == null ? null : new CustomerId(customerId));
    }
}
