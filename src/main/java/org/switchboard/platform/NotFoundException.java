package org.switchboard.platform;

/**
 * A record that does not exist, or that the caller may not see: both answer 404 so that a
 * tenant cannot learn of another tenant's records.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
