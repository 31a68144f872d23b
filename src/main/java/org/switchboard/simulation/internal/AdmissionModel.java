package org.switchboard.simulation.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.switchboard.connector.EmergencyNumbers;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;

/**
 * The simulation's own admission rule, written from the product's rules and not from the licence
 * engine, for one phone system's working day: a subject holds one licence while at least one of
 * its reasons (desktop session, mobile pairing, outbound call) holds; a reason of a subject that
 * holds no licence is admitted only while fewer subjects hold one than the pool; an emergency call
 * is always admitted, over the pool if need be (that subject then does not count against the pool
 * until another reason of it is admitted below the pool); the last reason ending releases the
 * licence. The working days of the simulation end every reason the same day.
 */
final class AdmissionModel {

    private static final class Holder {
        final Set<String> refs = new HashSet<>();
        boolean overLimit;
    }

    private final Map<String, Holder> holders = new HashMap<>();
    private final Map<String, String> subjectOfRef = new HashMap<>();

    /** Whether the rules admit the start {@code e} with a pool of {@code pool}; the model holds it if so. */
    boolean admits(LicenceEvent e, int pool) {
        boolean emergency = e.type() == EventType.OUTBOUND_CALL_STARTED && e.destination() != null
                && EmergencyNumbers.isEmergency(e.destination(), "DE");
        Holder h = holders.get(e.subject());
        long regular = holders.values().stream().filter(x -> !x.overLimit).count();
        boolean below = regular < pool;
        if (h != null && !h.overLimit) {
            hold(h, e);
            return true;
        }
        if (h != null) {
            // Held over the pool by an emergency call: another emergency call joins it, anything else needs room.
            if (emergency) {
                hold(h, e);
                return true;
            }
            if (below) {
                h.overLimit = false;
                hold(h, e);
                return true;
            }
            return false;
        }
        if (!below && !emergency) {
            return false;
        }
        Holder fresh = new Holder();
        fresh.overLimit = !below;
        holders.put(e.subject(), fresh);
        hold(fresh, e);
        return true;
    }

    /** An end of a reason: the subject's licence is released with its last reason. */
    void ends(LicenceEvent e) {
        String subject = subjectOfRef.remove(e.ref());
        Holder h = subject == null ? null : holders.get(subject);
        if (h != null) {
            h.refs.remove(e.ref());
            if (h.refs.isEmpty()) {
                holders.remove(subject);
            }
        }
    }

    private void hold(Holder h, LicenceEvent e) {
        h.refs.add(e.ref());
        subjectOfRef.put(e.ref(), e.subject());
    }
}
