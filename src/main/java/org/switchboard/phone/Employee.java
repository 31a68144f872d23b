package org.switchboard.phone;

import java.time.Instant;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.UserId;
import org.switchboard.instances.InstanceId;

/** An employee who signs in to the desktop client: the user, the subject it is and its browser device. */
public record Employee(UserId userId, CustomerId customerId, InstanceId instanceId, UUID subjectId, String extension,
        String name, UUID deviceId, String sipUser, Instant invitedAt) {
}
