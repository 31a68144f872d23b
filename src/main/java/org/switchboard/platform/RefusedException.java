package org.switchboard.platform;

/**
 * A well-formed request the rules refuse in the current state (a plan not for sale yet, a
 * customer not validated); answered 422 with the reason.
 */
// Outside the API and the pages' own handlers (a download, a fragment) the status still holds: never a 500.
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT)
public class RefusedException extends RuntimeException {

    private final String field;

    public RefusedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
