package org.switchboard.platform;

/** The caller is known but its role does not allow this; answered 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
