package org.switchboard.telephony;

import java.time.Instant;
import java.util.UUID;

import org.switchboard.instances.InstanceId;

/** A SIP device of a subject (known by its extension), with its SIP user name; never its password. */
public record Device(UUID id, InstanceId instanceId, UUID subjectId, String extension, DeviceKind kind, String label,
        String sipUser, Instant createdAt, Instant credentialsSetAt) {
}
