package org.switchboard.licensing;

import java.time.Instant;

import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.Reason;

/**
 * Within a {@link LicencePool}: an ended ref as the pool remembers it for a few minutes
 * ({@link LicencePool#letGo}; storage keeps it a day), so that a repeated event of it changes nothing. It keeps only what its answers need: the
 * subject it belonged to (the pool's own string of that extension, shared by all its refs), its
 * device (a desktop session or pairing may start again from the same device) and when it was
 * last seen (to forget it). A third of the memory of a {@link HeldRef} with its instants.
 */
final class EndedRef {

    final String subject;
    final LicenceDevice device;
    private final long lastSeenSecond;
    private final int lastSeenNano;

    EndedRef(String subject, LicenceDevice device, Instant lastSeen) {
        this.subject = subject;
        this.device = device;
        this.lastSeenSecond = lastSeen.getEpochSecond();
        this.lastSeenNano = lastSeen.getNano();
    }

    Instant lastSeen() {
        return Instant.ofEpochSecond(lastSeenSecond, lastSeenNano);
    }

    boolean lastSeenBefore(Instant instant) {
        return lastSeenSecond < instant.getEpochSecond()
                || lastSeenSecond == instant.getEpochSecond() && lastSeenNano < instant.getNano();
    }

    /** The ref as storage and readers know it. */
    HeldRef view(Reason reason, String ref) {
        Instant seen = lastSeen();
        return new HeldRef(reason, ref, subject, HeldRef.State.ENDED, false, seen, seen, device);
    }
}
