package org.switchboard.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;

/**
 * What every page shares: no form errors until a form was submitted, and a clear page instead of
 * a stack trace when a record is out of reach or an action is not allowed.
 */
@ControllerAdvice(annotations = WebPage.class)
class PageProblems {

    @ModelAttribute(FormErrors.ATTRIBUTE)
    FormErrors noErrorsYet() {
        return FormErrors.none();
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(RefusedException.class)
    ModelAndView refused(RefusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Not possible", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Not possible", e.getMessage());
    }

    static ModelAndView problem(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView("fragments/problem");
        page.addObject("title", title);
        page.addObject("message", message);
        page.setStatus(status);
        return page;
    }
}
