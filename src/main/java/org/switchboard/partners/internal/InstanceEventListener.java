package org.switchboard.partners.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.partners.LevelReview;

/** New subscriptions of partners' customers count towards the partner's level. */
@Component
class InstanceEventListener {

    private final LevelReview review;

    InstanceEventListener(LevelReview review) {
        this.review = review;
    }

    @ApplicationModuleListener
    void on(SubscriptionActivated event) {
        review.recordSubscriptionActivated(event);
    }
}
