package org.switchboard.numbers.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.switchboard.instances.InstanceId;
import org.switchboard.numbers.InboundRoute;
import org.switchboard.numbers.NumberRouting;

/**
 * Routing straight from the database: one primary-key lookup per call (a second one for a number
 * carried by a customer's own trunk), so that every node answers alike the moment a number is
 * assigned, released or ported in, with no cache to keep.
 */
@Service
public class DatabaseNumberRouting implements NumberRouting {

    private final Assignments assignments;
    private final TrunkStore trunks;

    DatabaseNumberRouting(Assignments assignments, TrunkStore trunks) {
        this.assignments = assignments;
        this.trunks = trunks;
    }

    @Override
    public Optional<InboundRoute> inbound(String e164) {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{3,14}")) {
            return Optional.empty();
        }
        Optional<InboundRoute> own = assignments.route(e164);
        if (own.isPresent()) {
            return own;
        }
        // a number the customer keeps at its provider, arriving over its trunk
        return trunks.route(e164).map(r -> new InboundRoute(r.instanceId(), e164, r.target(), r.extensions(), r.trunkId()));
    }

    @Override
    public Optional<UUID> trunkOf(String e164) {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{3,14}")) {
            return Optional.empty();
        }
        return trunks.route(e164).map(TrunkStore.TrunkRoute::trunkId);
    }

    @Override
    public Optional<String> callerIdOf(InstanceId instance, String extension) {
        if (instance == null || extension == null) {
            return Optional.empty();
        }
        return assignments.callerId(instance, extension);
    }
}
