package org.switchboard.connector;

import java.time.Instant;
import java.util.Objects;

/**
 * One report of a phone system: {@code subject} is the extension number, {@code ref} the desktop
 * session, mobile device or call it is about, {@code destination} the dialled number of an
 * outbound call, {@code at} when it happened, {@code device} the device it comes from (null when
 * the phone system does not say; a release keeps the device its start named).
 */
public record LicenceEvent(EventType type, String subject, String ref, String destination, Instant at,
        LicenceDevice device) {

    public LicenceEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(at, "at");
    }

    /** An event that names no device. */
    public LicenceEvent(EventType type, String subject, String ref, String destination, Instant at) {
        this(type, subject, ref, destination, at, null);
    }
}
