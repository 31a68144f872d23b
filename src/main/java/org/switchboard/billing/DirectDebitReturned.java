package org.switchboard.billing;

import java.time.LocalDate;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;

/** The bank returned an invoice's direct debit; the invoice is open again. For the partner programme. */
public record DirectDebitReturned(UUID invoiceId, CustomerId customerId, PartnerId partnerId, LocalDate returnedOn) {
}
