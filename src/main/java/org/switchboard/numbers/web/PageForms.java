package org.switchboard.numbers.web;

import java.util.List;

import org.springframework.ui.Model;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.web.FormErrors;

/** The form handling the numbers pages share. */
final class PageForms {

    private PageForms() {
    }

    /** Like {@link FormErrors#submit}, and a refusal of the rules shows beside the form too. */
    static boolean submit(Model model, Runnable useCase) {
        try {
            return FormErrors.submit(model, useCase);
        } catch (RefusedException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(List.of(
                    new InvalidInputException.Violation(e.field() == null ? FormErrors.FORM : e.field(), e.getMessage()))));
            return false;
        }
    }
}
