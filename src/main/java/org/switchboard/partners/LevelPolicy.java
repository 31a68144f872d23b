package org.switchboard.partners;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;

/**
 * The brochure's requirements of each level over a rolling twelve months. The level is the
 * highest whose requirements are all met; Registered needs nothing.
 */
public final class LevelPolicy {

    /** What a level asks for. */
    public record Requirement(PartnerLevel level, Money turnover, int newSubscriptions, boolean listing,
            boolean basicTraining, boolean premiumTraining) {

        public boolean metBy(LevelFigures f) {
            return !f.turnover().isLessThan(turnover)
                    && f.newSubscriptions() >= newSubscriptions
                    && (!listing || f.listingConfirmed())
                    && (!basicTraining || f.basicTraining())
                    && (!premiumTraining || f.premiumTraining());
        }
    }

    static final List<Requirement> REQUIREMENTS = List.of(
            new Requirement(PartnerLevel.CERTIFIED, Money.euros("2000"), 1, true, true, false),
            new Requirement(PartnerLevel.PREMIUM, Money.euros("5000"), 4, true, true, true),
            new Requirement(PartnerLevel.EXCELLENCE, Money.euros("20000"), 8, true, true, true));

    private LevelPolicy() {
    }

    /** The rolling window ending on {@code on}: from the same day a year earlier (exclusive) to {@code on} (inclusive). */
    public static LocalDate windowStart(LocalDate on) {
        return on.minusYears(1);
    }

    public static PartnerLevel qualifiedLevel(LevelFigures figures) {
        PartnerLevel level = PartnerLevel.REGISTERED;
        for (Requirement r : REQUIREMENTS) {
            if (r.metBy(figures)) {
                level = r.level();
            }
        }
        return level;
    }

    /** The requirements of the level above, if there is one. */
    public static Optional<Requirement> next(PartnerLevel level) {
        return REQUIREMENTS.stream().filter(r -> r.level().ordinal() == level.ordinal() + 1).findFirst();
    }

    public static Optional<Requirement> of(PartnerLevel level) {
        return REQUIREMENTS.stream().filter(r -> r.level() == level).findFirst();
    }
}
