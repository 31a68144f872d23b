package org.switchboard.licensing;

import java.time.Instant;

import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.Reason;

/**
 * One line of history: an admission, refusal or release of one reason of one subject.
 * {@code licenceChanged} tells whether the subject took or gave back its licence with it;
 * {@code occupied} is the occupancy right after; {@code device} the device of the reason, when named.
 */
public record LicenceRecord(Instant at, String subject, Reason reason, String ref, RecordAction action,
        boolean emergency, boolean licenceChanged, String actor, int occupied, int licensed, LicenceDevice device) {
}
