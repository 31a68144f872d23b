package org.switchboard.partners;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;

/** A monthly commission statement: a credit note to the partner with a gapless number of its own series. */
public record Statement(UUID id, PartnerId partnerId, String number, YearMonth period, LocalDate issuedOn,
        Money total, Status status, List<CommissionLine> lines) {

    public enum Status { ISSUED, PAID }
}
