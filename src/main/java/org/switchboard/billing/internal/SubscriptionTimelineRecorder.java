package org.switchboard.billing.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.billing.SubscriptionTimeline.Entry;
import org.switchboard.billing.SubscriptionTimeline.Kind;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceDirectory;
import org.switchboard.instances.InstanceEvents.InstanceDeactivated;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.instances.InstanceEvents.SubscriptionRenewed;
import org.switchboard.instances.InstanceEvents.SubscriptionUpgraded;

/**
 * Keeps billing's subscription timeline from instance events. Each event is stored once even if
 * it is delivered again after a restart; billing never reads the instances' tables.
 */
@Component
class SubscriptionTimelineRecorder {

    private final SubscriptionTimelines timelines;
    private final InstanceDirectory instances;

    SubscriptionTimelineRecorder(SubscriptionTimelines timelines, InstanceDirectory instances) {
        this.timelines = timelines;
        this.instances = instances;
    }

    @ApplicationModuleListener
    void on(SubscriptionActivated e) {
        instances.find(e.instanceId()).ifPresent(i -> i.subscription().ifPresent(s -> timelines.rememberInstance(
                e.instanceId(), e.customerId(), i.name(), e.at(), s.mandate())));
        timelines.add(e.instanceId(), e.customerId(),
                new Entry(e.at(), Kind.ACTIVATED, e.plan(), e.concurrentUsers(), e.monthlyNet(), false));
    }

    @ApplicationModuleListener
    void on(SubscriptionUpgraded e) {
        timelines.add(e.instanceId(), e.customerId(),
                new Entry(e.at(), Kind.UPGRADED, e.toPlan(), e.toConcurrentUsers(), e.toMonthlyNet(), false));
    }

    @ApplicationModuleListener
    void on(SubscriptionRenewed e) {
        timelines.add(e.instanceId(), e.customerId(),
                new Entry(e.termStart(), Kind.RENEWED, e.plan(), e.concurrentUsers(), e.monthlyNet(), false));
    }

    @ApplicationModuleListener
    void on(InstanceDeactivated e) {
        // A trial that expires was never billed: only a subscribed instance gets an end in its timeline.
        if (timelines.of(e.instanceId()).isPresent()) {
            timelines.add(e.instanceId(), e.customerId(),
                    new Entry(e.at(), Kind.DEACTIVATED, null, 0, Money.zero(Money.EUR), false));
        }
    }
}
