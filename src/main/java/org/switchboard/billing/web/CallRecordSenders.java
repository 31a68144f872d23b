package org.switchboard.billing.web;

import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.platform.ForbiddenException;

/**
 * Who may report an instance's calls. For now an operator or the customer admin of the instance;
 * the phone system's connector will authenticate with its own key, and that check belongs here,
 * beside these two, so that the recording itself need not change.
 */
final class CallRecordSenders {

    private CallRecordSenders() {
    }

    static InstanceDetails mayReport(CurrentUser user, InstanceManagement instances, InstanceId id) {
        InstanceDetails instance = instances.instance(user, id); // 404 for another tenant's instance
        if (!user.isOperator() && !user.isCustomerAdmin()) {
            throw new ForbiddenException("Only the customer admin or an operator may report call records.");
        }
        return instance;
    }
}
