package org.switchboard.accounts.web;

import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CredentialManagement;
import org.switchboard.accounts.Commands.ResetPassword;

/**
 * Forgotten passwords, and the first password of a partner admin whom an operator created: both
 * come as a link by e-mail to {@code /password/reset}.
 */
@WebPage
class PasswordPages {

    private final CredentialManagement credentials;

    PasswordPages(CredentialManagement credentials) {
        this.credentials = credentials;
    }

    @GetMapping("/password/forgot")
    String forgotForm(@RequestParam(required = false) String email, Model model) {
        model.addAttribute("email", email);
        return "accounts/password-forgot";
    }

    @PostMapping("/password/forgot")
    String forgot(@RequestParam(required = false) String email, Model model, RedirectAttributes redirect) {
        model.addAttribute("email", email);
        if (!FormErrors.submit(model, () -> credentials.requestPasswordReset(email))) {
            return "accounts/password-forgot";
        }
        redirect.addFlashAttribute("email", email.trim());
        return "redirect:/password/forgot?sent";
    }

    @GetMapping(path = "/password/forgot", params = "sent")
    String linkSent() {
        return "accounts/password-link-sent";
    }

    @GetMapping("/password/reset")
    String resetForm(@RequestParam(required = false) String token, Model model) {
        return resetPage(token, model);
    }

    @PostMapping("/password/reset")
    String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
            Model model) {
        if (!FormErrors.submit(model, () -> credentials.resetPassword(new ResetPassword(token, password)))) {
            return resetPage(token, model);
        }
        return "redirect:/password/changed";
    }

    @GetMapping("/password/changed")
    String changed() {
        return "accounts/password-changed";
    }

    private String resetPage(String token, Model model) {
        model.addAttribute("email", credentials.passwordLinkEmail(token));
        model.addAttribute("token", token);
        return "accounts/password-reset";
    }
}
