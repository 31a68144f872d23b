package org.switchboard.platform.web;

import java.util.List;

import org.springframework.ui.Model;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.InvalidInputException.Violation;
import org.switchboard.platform.ShownAsPage;

/**
 * What is wrong with a submitted form, by field, as the model attribute {@code errors}: the page
 * shows each message beside its field. Messages not tied to a field of the form go under {@link #FORM}.
 */
public final class FormErrors {

    public static final String ATTRIBUTE = "errors";
    public static final String FORM = "form";

    private static final FormErrors NONE = new FormErrors(List.of());

    private final List<Violation> violations;

    private FormErrors(List<Violation> violations) {
        this.violations = List.copyOf(violations);
    }

    public static FormErrors none() {
        return NONE;
    }

    public static FormErrors of(List<Violation> violations) {
        return new FormErrors(violations);
    }

    /**
     * Runs the use case behind a form. When it refuses the input (invalid fields or a conflict
     * with an existing account) the messages go into the model and false is returned, so the
     * controller shows the form again with what was entered; nothing was saved then. Problems
     * that concern the whole page ({@link ShownAsPage}, such as a link that no longer works) are
     * left to the page advice.
     */
    public static boolean submit(Model model, Runnable useCase) {
        try {
            useCase.run();
            return true;
        } catch (InvalidInputException e) {
            if (e instanceof ShownAsPage) {
                throw e;
            }
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
