package org.switchboard.connector;

/** The outcome of a licence event, with the sentence a person reads. */
public enum Verdict {
    ADMITTED(true, "Admitted: a licence is now held."),
    ALREADY_HELD(true, "Admitted: this subject already holds a licence, which covers this too."),
    EMERGENCY_OVER_LIMIT(true, "Emergency call admitted over the licence limit; it is recorded as such."),
    DESKTOP_REFUSED(false, "Licence limit reached: every concurrent-user licence of this phone system is in use. "
            + "The desktop client keeps working for inbound calls only."),
    MOBILE_REFUSED(false, "Licence limit reached: every concurrent-user licence of this phone system is in use, "
            + "so the mobile app was not paired."),
    CALL_REFUSED(false, "Licence limit reached: every concurrent-user licence of this phone system is in use, "
            + "so the outbound call cannot be made."),
    INBOUND_ACCEPTED(true, "Inbound calls are always accepted and never occupy a licence."),
    RELEASED(true, "Ended: the licence is released."),
    STILL_HELD(true, "Ended: the licence stays held for another reason of this subject."),
    NOTHING_HELD(true, "Nothing to release: this ref holds no licence."),
    HEARTBEAT(true, "Heartbeat noted: the desktop session holds its licence."),
    SESSION_WITHOUT_LICENCE(false, "This desktop session holds no licence (refused, closed or reclaimed): it works "
            + "for inbound calls only. Open a new session to ask for a licence again."),
    ENDED_BEFORE(false, "This ref has ended already: report a new session or call with a new ref.");

    private final boolean admitted;
    private final String sentence;

    Verdict(boolean admitted, String sentence) {
        this.admitted = admitted;
        this.sentence = sentence;
    }

    public boolean admitted() {
        return admitted;
    }

    public String sentence() {
        return sentence;
    }
}
