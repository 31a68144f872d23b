package org.switchboard.licensing;

import org.switchboard.connector.Reason;
import java.time.Instant;

/**
 * One line of history: an admission, refusal or release of one reason of one subject.
 * {@code licenceChanged} tells whether the subject took or gave back its licence with it;
 * {@code occupied} is the occupancy right after.
 */
public record LicenceRecord(Instant at, String subject, Reason reason, String ref, RecordAction action,
        boolean emergency, boolean licenceChanged, String actor, int occupied, int licensed) {
}
