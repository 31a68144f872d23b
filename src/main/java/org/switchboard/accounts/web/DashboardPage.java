package org.switchboard.accounts.web;

import org.switchboard.platform.web.WebPage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;

/** Where everyone lands after logging in; what it shows depends on the role. */
@WebPage
class DashboardPage {

    private final AccountManagement accounts;

    DashboardPage(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/dashboard")
    String dashboard(CurrentUser user, Model model) {
        if (user.role() == org.switchboard.accounts.Role.EMPLOYEE) {
            return "redirect:/phone"; // an employee has the desktop client and nothing else
        }
        model.addAttribute("user", user);
        if (user.isOperator()) {
            model.addAttribute("partnerCount", accounts.partners(user).size());
            model.addAttribute("customerCount", accounts.customers(user).size());
        } else if (user.isPartner()) {
            model.addAttribute("partner", accounts.partner(user, user.partnerId()));
        } else if (user.isCustomer()) {
            model.addAttribute("customer", accounts.customer(user, user.customerId()));
        }
        return "accounts/dashboard";
    }
}
