package org.switchboard.partners;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;

/**
 * One line of a statement: a customer invoice's nets with the rate of the partner's level when it
 * was finalised, or the reversal of that commission after a returned direct debit.
 */
public record CommissionLine(UUID id, PartnerId partnerId, UUID invoiceId, Kind kind, CustomerId customerId,
        LocalDate finalisedOn, LocalDate occurredOn, Money subscriptionsNet, Money airtimeNet, PartnerLevel level,
        BigDecimal rate, Money amount, UUID statementId) {

    public enum Kind { COMMISSION, REVERSAL }
}
