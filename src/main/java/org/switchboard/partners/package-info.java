/**
 * The partner programme: partner levels and their yearly review, commission statements and
 * payouts, the CSP (wholesale) option, leads, the public partner directory, training and the NFR
 * entitlement. Listens to instance events; billing hands in finalised customer invoices through
 * {@link org.switchboard.partners.CommissionLedger#recordCustomerInvoice}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Partner programme")
package org.switchboard.partners;
