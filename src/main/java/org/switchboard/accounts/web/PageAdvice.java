package org.switchboard.accounts.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.switchboard.accounts.InvalidLinkException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;

/**
 * What every accounts page shares: no form errors until a form was submitted, and a clear page
 * instead of a stack trace when a link from an e-mail no longer works or a record is out of reach.
 */
@ControllerAdvice(annotations = AccountsPage.class)
class PageAdvice {

    @ModelAttribute(FormErrors.ATTRIBUTE)
    FormErrors noErrorsYet() {
        return FormErrors.none();
    }

    /** Expired and used links are gone for good (410); a link that was never issued is not found (404). */
    @ExceptionHandler(InvalidLinkException.class)
    ModelAndView invalidLink(InvalidLinkException e) {
        ModelAndView page = new ModelAndView("accounts/link-invalid");
        page.addObject("message", e.getMessage());
        page.addObject("reason", e.reason().name());
        page.setStatus(e.reason() == InvalidLinkException.Reason.UNKNOWN ? HttpStatus.NOT_FOUND : HttpStatus.GONE);
        return page;
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    private static ModelAndView problem(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView("accounts/problem");
        page.addObject("title", title);
        page.addObject("message", message);
        page.setStatus(status);
        return page;
    }
}
