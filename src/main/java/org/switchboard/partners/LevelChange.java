package org.switchboard.partners;

import java.time.LocalDate;
import java.util.UUID;

import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;

/** A change of a partner's level with the figures that decided it. */
public record LevelChange(UUID id, PartnerId partnerId, PartnerLevel from, PartnerLevel to, LocalDate effectiveOn,
        String reason, LevelFigures figures) {
}
