package org.switchboard.numbers;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.numbers.internal.PortingOrders;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;

/** Who may see and who may prepare a porting order: the checks the porting use cases share. */
@Component
class PortingAccess {

    private final PortingOrders orders;
    private final InstanceManagement instances;

    PortingAccess(PortingOrders orders, InstanceManagement instances) {
        this.orders = orders;
        this.instances = instances;
    }

    InstanceDetails preparing(CurrentUser user, InstanceId id) {
        InstanceDetails details = instances.instance(user, id);
        if (!user.isCustomerAdmin() && !user.isPartner() && !user.isOperator()) {
            throw new ForbiddenException("Only the customer's admins and its partner prepare porting orders.");
        }
        return details;
    }

    PortingOrder visible(CurrentUser user, UUID orderId) {
        PortingOrder order = orders.find(orderId).orElseThrow(() -> notFound(orderId));
        try {
            instances.instance(user, order.instanceId());
        } catch (NotFoundException e) {
            throw notFound(orderId);
        }
        return order;
    }

    PortingOrder locked(CurrentUser user, UUID orderId, boolean preparing) {
        PortingOrder seen = visible(user, orderId);
        if (preparing) {
            preparing(user, seen.instanceId());
        }
        return orders.lock(orderId).orElseThrow(() -> notFound(orderId));
    }

    static NotFoundException notFound(UUID id) {
        return new NotFoundException("There is no porting order " + id);
    }

}
