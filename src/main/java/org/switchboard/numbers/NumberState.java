package org.switchboard.numbers;

/**
 * AVAILABLE: in the inventory, free. RESERVED: held back by the operator. ACTIVE: an instance's
 * number. PORTING_IN: an instance's number while its porting order runs. PORTING_OUT: leaving the
 * platform for another provider. QUARANTINED: released, handed out again only after the operator's
 * quarantine (default 6 months). PORTED_OUT: left for another provider, kept for the record and
 * never handed out again.
 */
public enum NumberState {
    AVAILABLE, RESERVED, ACTIVE, PORTING_IN, PORTING_OUT, QUARANTINED, PORTED_OUT
}
