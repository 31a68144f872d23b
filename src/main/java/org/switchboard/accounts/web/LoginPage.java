package org.switchboard.accounts.web;

import org.switchboard.platform.web.WebPage;
import java.io.IOException;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** The login form; Spring Security handles its POST, and on failure this page says why. */
@WebPage
class LoginPage {

    /** The address of the last failed attempt, so the form need not be filled in again. */
    static final String LAST_EMAIL = LoginPage.class.getName() + ".email";

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @AuthenticationPrincipal SignedInUser signedIn,
            HttpServletRequest request, Model model) {
        if (signedIn != null && error == null) {
            return "redirect:/dashboard";
        }
        HttpSession session = request.getSession(false);
        if (error != null && session != null) {
            Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("error", failure instanceof AuthenticationException e ? messageFor(e) : PasswordAuthentication.WRONG);
            model.addAttribute("email", session.getAttribute(LAST_EMAIL));
        } else if (error != null) {
            model.addAttribute("error", PasswordAuthentication.WRONG);
        }
        return "accounts/login";
    }

    /** Throttled and unconfirmed accounts are told what to do; every other failure reads the same. */
    static String messageFor(AuthenticationException e) {
        if (e instanceof LoginThrottledException || e instanceof DisabledException) {
            return e.getMessage();
        }
        return PasswordAuthentication.WRONG;
    }

    /** Back to the form with the reason in the session, keeping the e-mail address that was typed. */
    static class FailureHandler extends SimpleUrlAuthenticationFailureHandler {

        FailureHandler() {
            super("/login?error");
        }

        @Override
        public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                AuthenticationException exception) throws IOException, ServletException {
            String email = request.getParameter("email");
            if (email != null && email.length() <= 254) {
                request.getSession().setAttribute(LAST_EMAIL, email);
            }
            super.onAuthenticationFailure(request, response, exception);
        }
    }
}
