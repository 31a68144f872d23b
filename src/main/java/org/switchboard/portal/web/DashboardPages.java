package org.switchboard.portal.web;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Role;
import org.switchboard.platform.web.WebPage;

/**
 * Where everyone lands after logging in: each role's answer to "what needs me today", filled by
 * that role's dashboard ({@link CustomerDashboard}, {@link PartnerDashboard}, {@link OperatorDashboard})
 * into the one page. Each part says what to do when it is empty.
 */
@WebPage
class DashboardPages {

    /** A trial counts as ending within this many days. */
    static final int TRIAL_ENDING_DAYS = 7;

    private final CustomerDashboard customer;
    private final PartnerDashboard partner;
    private final OperatorDashboard operator;

    DashboardPages(CustomerDashboard customer, PartnerDashboard partner, OperatorDashboard operator) {
        this.customer = customer;
        this.partner = partner;
        this.operator = operator;
    }

    @GetMapping("/dashboard")
    String dashboard(CurrentUser user, Model model) {
        if (user.role() == Role.EMPLOYEE) {
            return "redirect:/phone"; // an employee has the desktop client and nothing else
        }
        model.addAttribute("user", user);
        if (user.isOperator()) {
            operator.fill(user, model);
        } else if (user.isPartner()) {
            partner.fill(user, model);
        } else if (user.isCustomer()) {
            customer.fill(user, model);
        }
        return "portal/dashboard";
    }
}
