package org.switchboard.billing.web;

import java.util.Optional;

import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerId;
import org.switchboard.licensing.ConnectorKey;
import org.switchboard.licensing.ConnectorKeys;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.platform.ForbiddenException;

/**
 * Who may report an instance's calls: its phone system with a connector key of that instance
 * ({@code Authorization: Bearer}), an operator, or the customer admin of the instance.
 */
final class CallRecordSenders {

    /** The instance whose calls are reported, and its customer. */
    record Reporter(InstanceId instance, CustomerId customer) {
    }

    private CallRecordSenders() {
    }

    static Reporter mayReport(Optional<CurrentUser> user, String authorization, ConnectorKeys keys,
            InstanceManagement instances, InstanceId id) {
        if (user.isEmpty()) {
            ConnectorKey key = keys.authenticate(authorization, id); // 401 for a missing, revoked or other key
            return new Reporter(key.instanceId(), new CustomerId(key.customerId()));
        }
        InstanceDetails instance = instances.instance(user.get(), id); // 404 for another tenant's instance
        if (!user.get().isOperator() && !user.get().isCustomerAdmin()) {
            throw new ForbiddenException("Only the phone system (with its connector key), the customer admin or an "
                    + "operator may report call records.");
        }
        return new Reporter(instance.instance().id(), instance.instance().customerId());
    }
}
