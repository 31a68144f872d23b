package org.switchboard.licensing;

import java.time.Instant;
import java.util.Objects;

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

    public HeldRef(Reason reason, String ref, String subject, State state, boolean emergency, Instant since,
            Instant lastSeen) {
        this.reason = Objects.requireNonNull(reason);
        this.ref = Objects.requireNonNull(ref);
        this.subject = Objects.requireNonNull(subject);
        this.state = Objects.requireNonNull(state);
        this.emergency = emergency;
        this.since = Objects.requireNonNull(since);
        this.lastSeen = lastSeen == null ? since : lastSeen;
    }

    void restart(State newState, boolean newEmergency, Instant at) {
        state = newState;
        emergency = newEmergency;
        since = at;
        lastSeen = at;
    }

    void end(Instant at) {
        state = State.ENDED;
        lastSeen = at;
    }

    void seen(Instant at) {
        if (at.isAfter(lastSeen)) {
            lastSeen = at;
        }
    }

    public Reason reason() { return reason; }
    public String ref() { return ref; }
    public String subject() { return subject; }
    public State state() { return state; }
    public boolean emergency() { return emergency; }
    public Instant since() { return since; }
    public Instant lastSeen() { return lastSeen; }
}
