package org.switchboard.telephony;

import java.time.Instant;
import java.util.UUID;

import org.switchboard.instances.InstanceId;

/** A SIP device of a subject (known by its extension), with its SIP user name; never its password. */
public record Device(UUID id, InstanceId instanceId, UUID subjectId, String extension, DeviceKind kind, String label,
        String sipUser, Instant createdAt, Instant credentialsSetAt) {

    /**
     * The name a person reads in the licence view and history: the kind and extension ("Desk phone
     * 101") for a device labelled by its kind (as "Desk phone of Anna Huber" by default), or the
     * label with the kind ("iPhone (mobile app)") when the device has a label of its own.
     */
    public String displayName() {
        String own = label == null ? "" : label.strip();
        if (own.isEmpty() || own.toLowerCase(java.util.Locale.ROOT)
                .startsWith(kind.label().toLowerCase(java.util.Locale.ROOT))) {
            return kind.label() + " " + extension;
        }
        return own + " (" + kind.label().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /** The device as the licence engine records it. */
    public org.switchboard.connector.LicenceDevice licenceDevice() {
        return new org.switchboard.connector.LicenceDevice(id.toString(), displayName());
    }
}
