package org.switchboard.platform;

import java.util.List;

/** Input a person or a script got wrong; answered 400 naming each field at fault. */
// Outside the API and the pages' own handlers (a download, a fragment) the status still holds: never a 500.
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
public class InvalidInputException extends RuntimeException {

    /** One field at fault and what is wrong with it, in a sentence. */
    public record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    public InvalidInputException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public InvalidInputException(List<Violation> violations) {
        super(violations.stream().map(Violation::message).reduce((a, b) -> a + "; " + b).orElse("Invalid input"));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public String field() {
        return violations.get(0).field();
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The message for one field, or null: what a form shows beside that field. */
    public String messageFor(String field) {
        return violations.stream().filter(v -> v.field().equals(field)).map(Violation::message).findFirst().orElse(null);
    }
}
