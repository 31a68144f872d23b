package org.switchboard.licensing;

/** What the history records. */
public enum RecordAction {
    ADMITTED, REFUSED, RELEASED, RECLAIMED, FORCE_RELEASED
}
