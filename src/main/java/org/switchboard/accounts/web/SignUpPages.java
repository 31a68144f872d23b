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
import org.switchboard.accounts.Commands.RegisterPartner;
import org.switchboard.accounts.Commands.SignUpCustomer;
import org.switchboard.accounts.CurrentUser;

/** Signing up without an invitation: a customer on its own, or a reseller registering free as a partner. */
@WebPage
class SignUpPages {

    private final AccountManagement accounts;

    SignUpPages(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/signup")
    String signUpForm(@ModelAttribute("form") SignUpCustomer form) {
        return "accounts/signup";
    }

    @PostMapping("/signup")
    String signUp(@ModelAttribute("form") SignUpCustomer form, Model model, RedirectAttributes redirect) {
        if (!FormErrors.submit(model, () -> accounts.signUpCustomer(form))) {
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
        if (!FormErrors.submit(model, () -> accounts.registerPartner(form))) {
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

    /** The link from the confirmation mail: the account is ready, and a partner is Registered from today. */
    @GetMapping("/verify-email")
    String verify(@RequestParam(required = false) String token, Model model) {
        CurrentUser user = accounts.verifyEmail(token);
        model.addAttribute("user", user);
        if (user.isPartner()) {
            model.addAttribute("partner", accounts.partner(user, user.partnerId()));
        } else if (user.isCustomer()) {
            model.addAttribute("customer", accounts.customer(user, user.customerId()));
        }
        return "accounts/email-verified";
    }
}
