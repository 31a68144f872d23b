package org.switchboard.connector;

import java.time.Instant;
import java.util.UUID;

import org.switchboard.instances.InstanceId;

/** A phone system's key to the connector API of one instance; only its hash is stored. */
public record ConnectorKey(UUID id, InstanceId instanceId, UUID customerId, String hint, String label,
        Instant createdAt, String createdBy, Instant revokedAt) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
