package org.switchboard.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Price lists as the brochure prints them, for tests that need one without a database. */
final class CatalogFixtures {

    static final LocalDate BASIC_EFFECTIVE_FROM = LocalDate.of(2026, 1, 1);

    private CatalogFixtures() {
    }

    static List<Tier> basicTiers() {
        return List.of(Tier.of(1, 10, "0"), Tier.of(11, 25, "10"), Tier.of(26, 50, "15"), Tier.of(51, 100, "20"),
                Tier.of(101, 250, "30"), Tier.of(251, 500, "40"), Tier.of(501, 750, "50"), Tier.of(751, 1000, "60"),
                Tier.of(1001, null, "70"));
    }

    static PriceList basicPriceList() {
        return new PriceList(new PriceListId(UUID.randomUUID()), Plan.BASIC, 1, BASIC_EFFECTIVE_FROM,
                Money.euros("8.90"), basicTiers());
    }

    static PriceList priceList(String listPrice, List<Tier> tiers) {
        return new PriceList(new PriceListId(UUID.randomUUID()), Plan.BASIC, 1, BASIC_EFFECTIVE_FROM,
                Money.euros(listPrice), tiers);
    }
}
