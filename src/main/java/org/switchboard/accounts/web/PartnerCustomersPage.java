package org.switchboard.accounts.web;

import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;
import java.time.Clock;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CustomerInvitations;
import org.switchboard.accounts.Commands.InviteCustomer;
import org.switchboard.accounts.CurrentUser;

/** A partner's customers and invitations, and the form to invite another customer. */
@WebPage
class PartnerCustomersPage {

    private final AccountManagement accounts;
    private final CustomerInvitations invitations;
    private final Clock clock;

    PartnerCustomersPage(AccountManagement accounts, CustomerInvitations invitations, Clock clock) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.clock = clock;
    }

    @GetMapping("/partner/customers")
    String customers(CurrentUser user, @ModelAttribute("form") InviteCustomer form, Model model) {
        return page(user, model);
    }

    @PostMapping("/partner/customers/invitations")
    String invite(CurrentUser user, @ModelAttribute("form") InviteCustomer form, Model model,
            RedirectAttributes redirect) {
        if (!FormErrors.submit(model, () -> invitations.invite(user, form))) {
            return page(user, model);
        }
        redirect.addFlashAttribute("invited", form);
        return "redirect:/partner/customers";
    }

    private String page(CurrentUser user, Model model) {
        model.addAttribute("customers", accounts.customers(user));
        model.addAttribute("invitations", invitations.invitations(user));
        model.addAttribute("now", clock.instant());
        return "accounts/partner-customers";
    }
}
