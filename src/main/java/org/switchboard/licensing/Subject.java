package org.switchboard.licensing;

import java.time.Instant;
import java.util.UUID;

import org.switchboard.instances.InstanceId;

/** An employee or function extension of an instance, known by its extension number. */
public record Subject(UUID id, InstanceId instanceId, SubjectKind kind, String extension, String name, String email,
        FunctionType functionType, Instant createdAt) {
}
