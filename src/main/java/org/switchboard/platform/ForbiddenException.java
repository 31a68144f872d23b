package org.switchboard.platform;

/** The caller is known but its role does not allow this; answered 403. */
// Outside the API and the pages' own handlers (a download, a fragment) the status still holds: never a 500.
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.FORBIDDEN)
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
