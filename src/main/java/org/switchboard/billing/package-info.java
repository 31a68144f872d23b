/**
 * Monthly billing: call records and their rating by tariff zone, the subscription timeline of each
 * instance (kept from instance events), invoice runs with gapless numbers, VAT, e-invoice documents
 * and SEPA direct debits; invoices to partners (CSP wholesale, webinar seats). Publishes
 * {@link org.switchboard.billing.InvoiceFinalised} (a batch of a run's invoices as
 * {@link org.switchboard.billing.InvoicesFinalised}); asks the partner programme through interfaces
 * it defines and the programme implements ({@link org.switchboard.billing.WholesaleTermsProvider},
 * {@link org.switchboard.billing.PartnerChargeProvider}), so that it never depends on it; asks the
 * numbers module in the same way what numbers to charge
 * ({@link org.switchboard.billing.NumberChargeProvider}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Billing")
package org.switchboard.billing;
