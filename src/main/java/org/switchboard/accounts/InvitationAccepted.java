package org.switchboard.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer registered through a partner's invitation: from now on it is that partner's customer.
 * Published in the transaction that created the customer, so it is stored with it.
 */
public record InvitationAccepted(UUID invitationId, CustomerId customerId, PartnerId partnerId, Instant at) {
}
