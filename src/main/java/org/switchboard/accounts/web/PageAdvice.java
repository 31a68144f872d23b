package org.switchboard.accounts.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.switchboard.accounts.InvalidLinkException;
import org.switchboard.platform.web.WebPage;

/** A link from an e-mail that no longer works gets a page that says why. */
@ControllerAdvice(annotations = WebPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

    /** Expired and used links are gone for good (410); a link that was never issued is not found (404). */
    @ExceptionHandler(InvalidLinkException.class)
    ModelAndView invalidLink(InvalidLinkException e) {
        ModelAndView page = new ModelAndView("accounts/link-invalid");
        page.addObject("message", e.getMessage());
        page.addObject("reason", e.reason().name());
        page.setStatus(e.reason() == InvalidLinkException.Reason.UNKNOWN ? HttpStatus.NOT_FOUND : HttpStatus.GONE);
        return page;
    }
}
