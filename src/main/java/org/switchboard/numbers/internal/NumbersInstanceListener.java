package org.switchboard.numbers.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.instances.InstanceEvents.InstanceDeactivated;
import org.switchboard.instances.InstanceEvents.InstanceDeleted;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.instances.InstanceEvents.SubscriptionRenewed;
import org.switchboard.instances.InstanceEvents.SubscriptionUpgraded;
import org.switchboard.numbers.NumberManagement;

/**
 * The numbers included in a subscription follow its concurrent users: charges start, change and
 * end with the subscription. A deleted instance's numbers (a trial's one number too) are released
 * into quarantine.
 */
@Component
class NumbersInstanceListener {

    private final NumberManagement numbers;

    NumbersInstanceListener(NumberManagement numbers) {
        this.numbers = numbers;
    }

    @ApplicationModuleListener
    void on(SubscriptionActivated e) {
        numbers.recharge(e.instanceId(), e.at());
    }

    @ApplicationModuleListener
    void on(SubscriptionUpgraded e) {
        numbers.recharge(e.instanceId(), e.at());
    }

    @ApplicationModuleListener
    void on(SubscriptionRenewed e) {
        numbers.recharge(e.instanceId(), e.termStart());
    }

    @ApplicationModuleListener
    void on(InstanceDeactivated e) {
        numbers.recharge(e.instanceId(), e.at());
    }

    @ApplicationModuleListener
    void on(InstanceDeleted e) {
        numbers.releaseAll(e.instanceId(), e.at());
    }
}
