package org.switchboard.connector;

/** What the connector answers: admitted or not, why, and the pool after the event. */
public record Decision(Verdict verdict, int licensed, int occupied, boolean emergency) {

    public boolean admitted() {
        return verdict.admitted();
    }

    public String reason() {
        return verdict.sentence();
    }
}
