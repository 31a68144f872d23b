package org.switchboard.partners;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;

/** Where a partner stands: level, figures of the last twelve months and what the next level asks for. */
public record Standing(Partner partner, Member member, LevelFigures figures, PartnerLevel qualifiedLevel,
        Optional<LevelPolicy.Requirement> next, Optional<LevelNotice> notice, int nfrConcurrentUsers,
        BigDecimal commissionRate, Money commissionThisYear, List<LevelChange> changes,
        List<Statement> statements) {
}
