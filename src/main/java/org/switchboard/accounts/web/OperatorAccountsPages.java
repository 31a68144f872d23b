package org.switchboard.accounts.web;

import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Registration;
import org.switchboard.accounts.Commands.CreatePartner;
import org.switchboard.accounts.CurrentUser;

/** The operator's view of all partners and customers; operators may also create a partner directly. */
@WebPage
class OperatorAccountsPages {

    private final AccountManagement accounts;
    private final Registration registration;

    OperatorAccountsPages(AccountManagement accounts, Registration registration) {
        this.accounts = accounts;
        this.registration = registration;
    }

    @GetMapping("/operator/partners")
    String partners(CurrentUser user, @ModelAttribute("form") CreatePartner form, Model model) {
        return partnersPage(user, model);
    }

    @PostMapping("/operator/partners")
    String createPartner(CurrentUser user, @ModelAttribute("form") CreatePartner form, Model model,
            RedirectAttributes redirect) {
        if (!FormErrors.submit(model, () -> registration.createPartner(user, form))) {
            return partnersPage(user, model);
        }
        redirect.addFlashAttribute("created", form);
        return "redirect:/operator/partners";
    }

    @GetMapping("/operator/customers")
    String customers(CurrentUser user, Model model) {
        model.addAttribute("customers", accounts.customers(user));
        return "accounts/operator-customers";
    }

    private String partnersPage(CurrentUser user, Model model) {
        model.addAttribute("partners", accounts.partners(user));
        return "accounts/operator-partners";
    }
}
