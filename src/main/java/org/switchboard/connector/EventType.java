package org.switchboard.connector;

/** What a phone system reports; each names the kind of {@code ref} it carries. */
public enum EventType {
    DESKTOP_OPENED(Reason.DESKTOP_SESSION, true),
    DESKTOP_HEARTBEAT(Reason.DESKTOP_SESSION, false),
    DESKTOP_CLOSED(Reason.DESKTOP_SESSION, false),
    MOBILE_PAIRED(Reason.MOBILE_PAIRING, true),
    MOBILE_UNPAIRED(Reason.MOBILE_PAIRING, false),
    OUTBOUND_CALL_STARTED(Reason.OUTBOUND_CALL, true),
    CALL_ENDED(Reason.OUTBOUND_CALL, false),
    INBOUND_CALL(null, false);

    private final Reason reason;
    private final boolean starts;

    EventType(Reason reason, boolean starts) {
        this.reason = reason;
        this.starts = starts;
    }

    /** The reason whose refs this event is about; none for inbound calls. */
    public Reason reason() {
        return reason;
    }

    /** Whether the event asks for a licence. */
    public boolean startsReason() {
        return starts;
    }
}
