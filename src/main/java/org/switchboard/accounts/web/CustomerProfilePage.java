package org.switchboard.accounts.web;

import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Commands.UpdateBillingDetails;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;

/** The customer's company and billing address; the customer admin edits it, members only read it. */
@WebPage
class CustomerProfilePage {

    private final AccountManagement accounts;

    CustomerProfilePage(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/customer/profile")
    String profile(CurrentUser user, Model model) {
        Customer customer = accounts.customer(user, user.customerId());
        model.addAttribute("form", new UpdateBillingDetails(customer.name(), customer.billingAddress().street(),
                customer.billingAddress().postcode(), customer.billingAddress().city(),
                customer.billingAddress().country(), customer.vatId()));
        return page(user, customer, model);
    }

    @PostMapping("/customer/profile")
    String update(CurrentUser user, @ModelAttribute("form") UpdateBillingDetails form, Model model,
            RedirectAttributes redirect) {
        if (!FormErrors.submit(model, () -> accounts.updateBillingDetails(user, user.customerId(), form))) {
            return page(user, accounts.customer(user, user.customerId()), model);
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/customer/profile";
    }

    private static String page(CurrentUser user, Customer customer, Model model) {
        model.addAttribute("customer", customer);
        model.addAttribute("mayEdit", user.isCustomerAdmin());
        return "accounts/customer-profile";
    }
}
