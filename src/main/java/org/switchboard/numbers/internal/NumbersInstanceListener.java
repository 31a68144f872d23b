package org.switchboard.numbers.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.instances.InstanceEvents.InstanceDeactivated;
import org.switchboard.instances.InstanceEvents.InstanceDeleted;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.instances.InstanceEvents.SubscriptionRenewed;
import org.switchboard.instances.InstanceEvents.SubscriptionUpgraded;
import org.switchboard.numbers.NumberCharging;
import org.switchboard.numbers.NumberOrdering;

/**
 * The numbers included in a subscription follow its concurrent users: charges start, change and
 * end with the subscription. A deleted instance's numbers (a trial's one number too) are released
 * into quarantine, and its own trunks are deleted with their numbers.
 */
@Component
class NumbersInstanceListener {

    private final NumberCharging charging;
    private final NumberOrdering ordering;
    private final TrunkStore trunks;

    NumbersInstanceListener(NumberCharging charging, NumberOrdering ordering, TrunkStore trunks) {
        this.charging = charging;
        this.ordering = ordering;
        this.trunks = trunks;
    }

    @ApplicationModuleListener
    void on(SubscriptionActivated e) {
        charging.recharge(e.instanceId(), e.at());
    }

    @ApplicationModuleListener
    void on(SubscriptionUpgraded e) {
        charging.recharge(e.instanceId(), e.at());
    }

    @ApplicationModuleListener
    void on(SubscriptionRenewed e) {
        charging.recharge(e.instanceId(), e.termStart());
    }

    @ApplicationModuleListener
    void on(InstanceDeactivated e) {
        charging.recharge(e.instanceId(), e.at());
    }

    @ApplicationModuleListener
    void on(InstanceDeleted e) {
        ordering.releaseAll(e.instanceId(), e.at());
        trunks.deleteAll(e.instanceId());
    }
}
