package org.switchboard.accounts.web;

import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Registration;
import org.switchboard.accounts.Commands.RegisterPartner;
import org.switchboard.accounts.Commands.SignUpCustomer;
import org.switchboard.accounts.CurrentUser;

/** Signing up without an invitation: a customer on its own, or a reseller registering free as a partner. */
@WebPage
class SignUpPages {

    private final AccountManagement accounts;
    private final Registration registration;

    SignUpPages(AccountManagement accounts, Registration registration) {
        this.accounts = accounts;
        this.registration = registration;
    }

    @GetMapping("/signup")
    String signUpForm(@ModelAttribute("form") SignUpCustomer form) {
        return "accounts/signup";
    }

    @PostMapping("/signup")
    String signUp(@ModelAttribute("form") SignUpCustomer form, Model model, RedirectAttributes redirect) {
        if (!FormErrors.submit(model, () -> registration.signUpCustomer(form))) {
            return "accounts/signup";
        }
        redirect.addFlashAttribute("email", form.email().trim());
        return "redirect:/signup?sent";
    }

    @GetMapping(path = "/signup", params = "sent")
    String signedUp(Model model) {
        model.addAttribute("partner", false);
        return "accounts/check-mail";
    }

    @GetMapping("/partners/register")
    String registerForm(@ModelAttribute("form") RegisterPartner form) {
        return "accounts/partner-register";
    }

    @PostMapping("/partners/register")
    String register(@ModelAttribute("form") RegisterPartner form, Model model, RedirectAttributes redirect) {
        if (!FormErrors.submit(model, () -> registration.registerPartner(form))) {
            return "accounts/partner-register";
        }
        redirect.addFlashAttribute("email", form.email().trim());
        return "redirect:/partners/register?sent";
    }

    @GetMapping(path = "/partners/register", params = "sent")
    String registered(Model model) {
        model.addAttribute("partner", true);
        return "accounts/check-mail";
    }

    /**
     * The link from the confirmation mail only shows a button: mail scanners that open links must
     * not use it up. A link that no longer works says why, before anyone presses the button.
     */
    @GetMapping("/verify-email")
    String confirmForm(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("email", registration.confirmationLinkEmail(token));
        model.addAttribute("token", token);
        return "accounts/verify-email";
    }

    /** The button: the account is ready, and a partner is Registered from today. */
    @PostMapping("/verify-email")
    String verify(@RequestParam(required = false) String token, RedirectAttributes redirect) {
        CurrentUser user = registration.verifyEmail(token);
        redirect.addFlashAttribute("user", user);
        if (user.isPartner()) {
            redirect.addFlashAttribute("partner", accounts.partner(user, user.partnerId()));
        } else if (user.isCustomer()) {
            redirect.addFlashAttribute("customer", accounts.customer(user, user.customerId()));
        }
        return "redirect:/verify-email/confirmed";
    }

    @GetMapping("/verify-email/confirmed")
    String verified() {
        return "accounts/email-verified";
    }
}
