package org.switchboard.partners;

import java.time.LocalDate;

import org.switchboard.catalog.Money;

/**
 * What a partner achieved in the rolling twelve months {@code (from, to]}: the figures a level is
 * decided by, and kept with every change of level.
 */
public record LevelFigures(LocalDate windowFrom, LocalDate windowTo, Money turnover, int newSubscriptions,
        boolean listingConfirmed, boolean basicTraining, boolean premiumTraining) {
}
