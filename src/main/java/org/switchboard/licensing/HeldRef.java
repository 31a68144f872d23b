package org.switchboard.licensing;

import java.time.Instant;
import java.util.Objects;

import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.Reason;

/** One desktop session, mobile pairing or outbound call the pool knows of, held or remembered. */
public final class HeldRef {

    public enum State { HELD, REFUSED, ENDED }

    private final Reason reason;
    private final String ref;
    private final String subject;
    private State state;
    private boolean emergency;
    private Instant since;
    private Instant lastSeen;
    /** The device it comes from, when the phone system named one. */
    private LicenceDevice device;
    /** The last heartbeat as stored; a heartbeat is written only when it moved on far enough from it. */
    private Instant storedSeen;
    /** A refused ref that the pool's last turn of generations found refused already (see {@link LicencePool#letGo}). */
    boolean older;

    public HeldRef(Reason reason, String ref, String subject, State state, boolean emergency, Instant since,
            Instant lastSeen) {
        this(reason, ref, subject, state, emergency, since, lastSeen, null);
    }

    public HeldRef(Reason reason, String ref, String subject, State state, boolean emergency, Instant since,
            Instant lastSeen, LicenceDevice device) {
        this.reason = Objects.requireNonNull(reason);
        this.ref = Objects.requireNonNull(ref);
        this.subject = Objects.requireNonNull(subject);
        this.state = Objects.requireNonNull(state);
        this.emergency = emergency;
        this.since = Objects.requireNonNull(since);
        this.lastSeen = lastSeen == null ? since : lastSeen;
        this.storedSeen = this.lastSeen;
        this.device = device;
    }

    /** Starts again (a desktop session reopened, a mobile paired again), from the device now named if any. */
    void restart(State newState, boolean newEmergency, Instant at, LicenceDevice newDevice) {
        if (newDevice != null) {
            device = newDevice;
        }
        state = newState;
        older = false;
        emergency = newEmergency;
        since = at;
        lastSeen = at;
    }

    void end(Instant at) {
        state = State.ENDED;
        lastSeen = at;
    }

    /** Notes a heartbeat; true when it should be stored (see {@link LicencePolicy#HEARTBEAT_STORE_INTERVAL}). */
    boolean seen(Instant at) {
        if (at.isAfter(lastSeen)) {
            lastSeen = at;
        }
        return !storedSeen.plus(LicencePolicy.HEARTBEAT_STORE_INTERVAL).isAfter(lastSeen);
    }

    /** The ref was handed over for storage as it is now. */
    void stored() {
        storedSeen = lastSeen;
    }

    public Reason reason() { return reason; }
    public String ref() { return ref; }
    public String subject() { return subject; }
    public State state() { return state; }
    public boolean emergency() { return emergency; }
    public Instant since() { return since; }
    public Instant lastSeen() { return lastSeen; }
    public LicenceDevice device() { return device; }
}
