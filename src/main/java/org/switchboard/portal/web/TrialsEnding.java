package org.switchboard.portal.web;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceStatus;

/** The trials the viewer sees that end within {@link DashboardPages#TRIAL_ENDING_DAYS} days, the soonest first. */
@Component
class TrialsEnding {

    private final InstanceManagement instances;

    TrialsEnding(InstanceManagement instances) {
        this.instances = instances;
    }

    List<InstanceDetails> of(CurrentUser user) {
        return instances.instances(user, Optional.of(InstanceStatus.TRIAL)).stream()
                .filter(d -> d.trialDaysLeft() <= DashboardPages.TRIAL_ENDING_DAYS)
                .sorted(Comparator.comparingLong(InstanceDetails::trialDaysLeft)).toList();
    }
}
