package org.switchboard.partners;

import java.time.LocalDate;
import java.util.UUID;

import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;

/** Notice of a fall at the yearly review; PENDING until the review applies it or the partner qualifies again. */
public record LevelNotice(UUID id, PartnerId partnerId, PartnerLevel currentLevel, PartnerLevel expectedLevel,
        LocalDate noticedOn, LocalDate reviewOn, String status) {
}
