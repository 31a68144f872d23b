package org.switchboard.licensing;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.Reason;

/**
 * A subject holding a licence: why, since when, and whether only an emergency call holds it over
 * the limit; {@code holds} tells each reason with its device and since when, oldest first.
 */
public record Holder(String subject, Set<Reason> reasons, Instant since, boolean overLimit, List<Hold> holds) {

    /** One reason a subject holds its licence: a desktop session, a mobile pairing or an outbound call. */
    public record Hold(Reason reason, LicenceDevice device, Instant since, boolean emergency) {

        /** The device's name, or the reason's own word when the phone system named no device. */
        public String deviceName() {
            return device == null ? null : device.name();
        }
    }

    public Holder(String subject, Set<Reason> reasons, Instant since, boolean overLimit) {
        this(subject, reasons, since, overLimit, List.of());
    }
}
