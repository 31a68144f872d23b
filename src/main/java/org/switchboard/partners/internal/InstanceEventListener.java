package org.switchboard.partners.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.partners.PartnerProgramme;

/** New subscriptions of partners' customers count towards the partner's level. */
@Component
class InstanceEventListener {

    private final PartnerProgramme programme;

    InstanceEventListener(PartnerProgramme programme) {
        this.programme = programme;
    }

    @ApplicationModuleListener
    void on(SubscriptionActivated event) {
        programme.recordSubscriptionActivated(event);
    }
}
