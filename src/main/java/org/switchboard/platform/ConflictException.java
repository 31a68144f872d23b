package org.switchboard.platform;

/** The request is well formed but clashes with what already exists; answered 409. */
// Outside the API and the pages' own handlers (a download, a fragment) the status still holds: never a 500.
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CONFLICT)
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
