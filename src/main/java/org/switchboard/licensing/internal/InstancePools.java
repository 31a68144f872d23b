package org.switchboard.licensing.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.instances.InstanceEvents.InstanceDeactivated;
import org.switchboard.instances.InstanceEvents.InstanceDeleted;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.instances.InstanceEvents.SubscriptionRenewed;
import org.switchboard.instances.InstanceEvents.SubscriptionUpgraded;
import org.switchboard.instances.InstanceEvents.TrialStarted;

/**
 * Keeps each pool's size current from what happens to its instance; the pool shrinks or grows at
 * the event's instant. A deleted instance's licence data is dropped with its pool.
 */
@Component
class InstancePools {

    private final PoolStore pools;
    private final InstanceDataDeletion deletion;

    InstancePools(PoolStore pools, InstanceDataDeletion deletion) {
        this.pools = pools;
        this.deletion = deletion;
    }

    @ApplicationModuleListener
    void on(TrialStarted e) {
        pools.setLicensed(e.instanceId().value(), e.customerId().value(), e.concurrentUsers(), e.at());
    }

    @ApplicationModuleListener
    void on(SubscriptionActivated e) {
        pools.setLicensed(e.instanceId().value(), e.customerId().value(), e.concurrentUsers(), e.at());
    }

    @ApplicationModuleListener
    void on(SubscriptionUpgraded e) {
        pools.setLicensed(e.instanceId().value(), e.customerId().value(), e.toConcurrentUsers(), e.at());
    }

    @ApplicationModuleListener
    void on(SubscriptionRenewed e) {
        pools.setLicensed(e.instanceId().value(), e.customerId().value(), e.concurrentUsers(), e.termStart());
    }

    @ApplicationModuleListener
    void on(InstanceDeactivated e) {
        pools.setLicensed(e.instanceId().value(), e.customerId().value(), 0, e.at());
    }

    @ApplicationModuleListener
    void on(InstanceDeleted e) {
        pools.setLicensed(e.instanceId().value(), e.customerId().value(), 0, e.at());
        deletion.forget(e.instanceId().value());
    }
}
