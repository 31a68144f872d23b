package org.switchboard.telephony.internal;

import java.time.Instant;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.telephony.internal.Tenants.Tenant;

/** The mail to a customer's admins when an instance reached its daily airtime cap: once a day. */
final class AirtimeAlerts {

    private static final Logger log = LoggerFactory.getLogger(AirtimeAlerts.class);

    private final OpenCountries store;
    private final CustomerDirectory customers;
    private final Outbox outbox;

    AirtimeAlerts(OpenCountries store, CustomerDirectory customers, Outbox outbox) {
        this.store = store;
        this.customers = customers;
        this.outbox = outbox;
    }

    void capReached(Tenant tenant, LocalDate day, int capMinutes, Instant now) {
        try {
            if (!store.firstAirtimeAlert(tenant.id(), day, now)) {
                return;
            }
            for (String email : customers.adminEmails(new CustomerId(tenant.customerId()))) {
                outbox.send(new OutgoingMail(email, "Calls to the public network stopped for today: " + tenant.domain(),
                        "Hello,\n\nthe phone system " + tenant.domain() + " talked " + capMinutes
                                + " minutes to the public network on " + day + ", the most allowed a day.\n"
                                + "Further calls to the public network are refused until midnight; internal and "
                                + "emergency calls and calls received still work.\n\nIf these calls were not "
                                + "yours, someone may be using your phones' credentials: reset the credentials "
                                + "of the devices in the phone system's telephony page.\n",
                        null));
            }
        } catch (RuntimeException e) {
            log.warn("airtime alert for {} not sent: {}", tenant.domain(), e.getMessage());
        }
    }
}
