package org.switchboard.numbers.internal;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.switchboard.instances.InstanceId;
import org.switchboard.numbers.InboundRoute;
import org.switchboard.numbers.NumberRouting;

/**
 * Routing straight from the database: one primary-key lookup per call, so that every node
 * answers alike the moment a number is assigned, released or ported in, with no cache to keep.
 */
@Service
public class DatabaseNumberRouting implements NumberRouting {

    private final Assignments assignments;

    DatabaseNumberRouting(Assignments assignments) {
        this.assignments = assignments;
    }

    @Override
    public Optional<InboundRoute> inbound(String e164) {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{3,14}")) {
            return Optional.empty();
        }
        return assignments.route(e164);
    }

    @Override
    public Optional<String> callerIdOf(InstanceId instance, String extension) {
        if (instance == null || extension == null) {
            return Optional.empty();
        }
        return assignments.callerId(instance, extension);
    }
}
