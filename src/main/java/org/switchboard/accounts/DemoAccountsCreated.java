package org.switchboard.accounts;

/** The first start created the demo partner and its customer; other modules add their demo data to them. */
public record DemoAccountsCreated(PartnerId demoPartner, CustomerId demoCustomer) {
}
