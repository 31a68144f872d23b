package org.switchboard.platform;

/**
 * A record that does not exist, or that the caller may not see: both answer 404 so that a
 * tenant cannot learn of another tenant's records.
 */
// Outside the API and the pages' own handlers (a download, a fragment) the status still holds: never a 500.
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
