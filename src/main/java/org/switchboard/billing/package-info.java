/**
 * Monthly billing: call records and their rating by tariff zone, the subscription timeline of each
 * instance (kept from instance events), invoice runs with gapless numbers, VAT, e-invoice documents
 * and SEPA direct debits. Publishes {@link org.switchboard.billing.InvoiceFinalised}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Billing")
package org.switchboard.billing;
