package org.switchboard.connector.web;

import java.util.Optional;

import org.switchboard.accounts.CurrentUser;
import org.switchboard.connector.ConnectorKey;
import org.switchboard.connector.ConnectorKeys;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.platform.ForbiddenException;

/**
 * Who may report an instance's calls: its phone system with a connector key of that instance
 * ({@code Authorization: Bearer}), an operator, or the customer admin of the instance.
 */
final class CallRecordSenders {

    private CallRecordSenders() {
    }

    static InstanceId mayReport(Optional<CurrentUser> user, String authorization, ConnectorKeys keys,
            InstanceManagement instances, InstanceId id) {
        if (user.isEmpty()) {
            ConnectorKey key = keys.authenticate(authorization, id); // 401 for a missing, revoked or other key
            return key.instanceId();
        }
        InstanceDetails instance = instances.instance(user.get(), id); // 404 for another tenant's instance
        if (!user.get().isOperator() && !user.get().isCustomerAdmin()) {
            throw new ForbiddenException("Only the phone system (with its connector key), the customer admin or an "
                    + "operator may report call records.");
        }
        return instance.instance().id();
    }
}
