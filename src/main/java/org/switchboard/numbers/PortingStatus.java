package org.switchboard.numbers;

/**
 * DRAFT: being prepared (by the customer admin or its partner). SUBMITTED: forwarded to the
 * carrier. CONFIRMED: the releasing provider agreed to a porting date. REJECTED: refused with a
 * reason; corrected and submitted again. COMPLETED: ported, the numbers are active. CANCELLED.
 */
public enum PortingStatus {
    DRAFT, SUBMITTED, CONFIRMED, REJECTED, COMPLETED, CANCELLED;

    /** The customer may still change the order's data. */
    public boolean editable() {
        return this == DRAFT || this == REJECTED;
    }

    public boolean open() {
        return this != COMPLETED && this != CANCELLED;
    }
}
