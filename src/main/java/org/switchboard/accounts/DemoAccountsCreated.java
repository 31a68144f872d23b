package org.switchboard.accounts;

/**
 * The first start created the demo partner and its two customers: {@code demoCustomer} without a
 * phone system, {@code busyCustomer} for other modules to give a running one with some history;
 * {@code partnerAdmin} is the demo partner's admin (the demo year invites customers as that user).
 */
public record DemoAccountsCreated(PartnerId demoPartner, CustomerId demoCustomer, CustomerId busyCustomer,
        String busyCustomerAdminEmail, UserId partnerAdmin) {
}
