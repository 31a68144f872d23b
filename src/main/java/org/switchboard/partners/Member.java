package org.switchboard.partners;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.switchboard.accounts.PartnerId;

/** A partner's settings in the programme. The payout IBAN leaves this record only masked, except to the payment file. */
public record Member(PartnerId partnerId, boolean csp, String payoutIban, String payoutHolder, String listingUrl,
        Instant listingSubmittedAt, Instant listingConfirmedAt, boolean directoryListed, String directoryText,
        List<String> regions, LocalDate basicTrainingOn, LocalDate premiumTrainingOn, Instant lastLeadOfferedAt) {

    public static Member empty(PartnerId id) {
        return new Member(id, false, null, null, null, null, null, false, null, List.of(), null, null, null);
    }

    public boolean listingConfirmed() {
        return listingConfirmedAt != null;
    }

    public String maskedIban() {
        return payoutIban == null ? null : payoutIban.substring(0, 4) + " **** **** " + payoutIban.substring(payoutIban.length() - 4);
    }
}
