package org.switchboard.partners.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.accounts.InvitationAccepted;
import org.switchboard.partners.LeadManagement;

/** A customer registering through an invitation made from a lead converts that lead. */
@Component
class AccountEventListener {

    private final LeadManagement leads;

    AccountEventListener(LeadManagement leads) {
        this.leads = leads;
    }

    @ApplicationModuleListener
    void on(InvitationAccepted accepted) {
        leads.recordConversion(accepted);
    }
}
