package org.switchboard.instances;

import java.time.LocalDate;
import java.util.Objects;

/** A SEPA direct-debit mandate the customer accepted: its reference (unique per customer), the day it was signed and the account. */
public record Mandate(String reference, LocalDate signedOn, BankAccount account) {

    public Mandate {
        Objects.requireNonNull(reference);
        Objects.requireNonNull(signedOn);
        Objects.requireNonNull(account);
    }
}
