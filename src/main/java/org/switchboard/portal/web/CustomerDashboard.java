package org.switchboard.portal.web;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.OpenMonth;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.licensing.LicenceManagement;

/**
 * A customer's dashboard: its phone systems with the licences in use now, its trials with the way
 * to subscribe, the open month's charges so far, and what its account still lacks to be invoiced.
 */
@Component
class CustomerDashboard {

    /** One phone system of a customer on its dashboard. */
    record SystemLine(InstanceDetails details, Integer inUse) {
    }

    private final AccountManagement accounts;
    private final InstanceManagement instances;
    private final LicenceManagement licences;
    private final OpenMonth openMonth;

    CustomerDashboard(AccountManagement accounts, InstanceManagement instances, LicenceManagement licences,
            OpenMonth openMonth) {
        this.accounts = accounts;
        this.instances = instances;
        this.licences = licences;
        this.openMonth = openMonth;
    }

    void fill(CurrentUser user, Model model) {
        model.addAttribute("customer", accounts.customer(user, user.customerId()));
        List<InstanceDetails> systems = instances.instances(user, Optional.empty());
        model.addAttribute("systems", systems.stream().map(d -> new SystemLine(d, inUse(user, d))).toList());
        model.addAttribute("trialsEnding", systems.stream()
                .filter(d -> d.instance().status() == InstanceStatus.TRIAL).toList());
        model.addAttribute("openMonth", openMonth.ofCustomer(user));
    }

    private Integer inUse(CurrentUser user, InstanceDetails d) {
        InstanceStatus status = d.instance().status();
        if (status == InstanceStatus.DEACTIVATED || status == InstanceStatus.DELETED) {
            return null;
        }
        return licences.state(user, d.instance().id()).occupied();
    }
}
