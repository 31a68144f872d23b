package org.switchboard.accounts.web;

import java.util.List;

import org.springframework.ui.Model;
import org.switchboard.accounts.InvalidLinkException;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.InvalidInputException.Violation;

/**
 * What is wrong with a submitted form, by field, as the model attribute {@code errors}: the page
 * shows each message beside its field. Messages not tied to a field of the form go under {@link #FORM}.
 */
final class FormErrors {

    static final String ATTRIBUTE = "errors";
    static final String FORM = "form";

    private static final FormErrors NONE = new FormErrors(List.of());

    private final List<Violation> violations;

    private FormErrors(List<Violation> violations) {
        this.violations = List.copyOf(violations);
    }

    static FormErrors none() {
        return NONE;
    }

    static FormErrors of(List<Violation> violations) {
        return new FormErrors(violations);
    }

    /**
     * Runs the use case behind a form. When it refuses the input (invalid fields or a conflict
     * with an existing account) the messages go into the model and false is returned, so the
     * controller shows the form again with what was entered; nothing was saved then. Links that
     * are no longer valid are left to {@link PageAdvice}.
     */
    static boolean submit(Model model, Runnable useCase) {
        try {
            useCase.run();
            return true;
        } catch (InvalidLinkException e) {
            throw e;
        } catch (InvalidInputException e) {
            model.addAttribute(ATTRIBUTE, of(e.violations()));
        } catch (ConflictException e) {
            model.addAttribute(ATTRIBUTE, of(List.of(new Violation(e.field() == null ? FORM : e.field(), e.getMessage()))));
        }
        return false;
    }

    public boolean has(String field) {
        return message(field) != null;
    }

    public String message(String field) {
        return violations.stream().filter(v -> v.field().equals(field)).map(Violation::message).findFirst().orElse(null);
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    public List<Violation> all() {
        return violations;
    }
}
