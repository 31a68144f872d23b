package org.switchboard.accounts;

import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.ShownAsPage;

/** A link from an e-mail that is expired, already used or was never issued. */
public class InvalidLinkException extends InvalidInputException implements ShownAsPage {

    public enum Reason { UNKNOWN, EXPIRED, USED }

    private final Reason reason;

    public InvalidLinkException(Reason reason, String message) {
        super("token", message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
