package org.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;
import org.switchboard.testing.ModuleIntegrationTest;

/**
 * The catalog module on its own on the real database (it needs no other module). New versions are
 * published far in the future, so that a quote of today still sees the seeded prices.
 */
@ModuleIntegrationTest
class CatalogModuleIntegrationTest {

    @Autowired
    Catalog catalog;

    @AfterEach
    void restoreTheBrochuresOccupancy() {
        for (EmployeeType type : EmployeeType.values()) {
            catalog.changeOccupancy(type, type.brochureOccupancyPercent());
        }
    }

    @Test
    void theSeededBasicPriceListIsTheBrochures() {
        PriceList basic = catalog.priceListInForce(Plan.BASIC, LocalDate.of(2026, 1, 1)).orElseThrow();

        assertThat(basic.version()).isEqualTo(1);
        assertThat(basic.listPrice()).isEqualTo(Money.euros("8.90"));
        assertThat(basic.tiers()).usingRecursiveFieldByFieldElementComparator(
                org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                .isEqualTo(CatalogFixtures.basicTiers());
        assertThat(catalog.priceListInForce(Plan.BASIC, LocalDate.of(2025, 12, 31))).isEmpty();
    }

    @Test
    void premiumIsInTheCatalogButNotForSale() {
        assertThat(catalog.offers(catalog.today())).extracting(PlanOffer::plan, PlanOffer::forSale)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Plan.BASIC, true),
                        org.assertj.core.groups.Tuple.tuple(Plan.PREMIUM, false));
        assertThatThrownBy(() -> catalog.quote(Plan.PREMIUM, 10))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.field()).isEqualTo("plan"))
                .hasMessageContaining("Premium is not for sale yet");
    }

    @Test
    void aQuoteUsesTheVersionInForceOnTheDayAndASubscriptionKeepsItsVersion() {
        LocalDate from = afterLatest(Plan.BASIC, LocalDate.of(2091, 1, 1));
        PriceQuote before = catalog.quote(Plan.BASIC, 16, from.minusDays(1));
        int latest = catalog.priceListVersions(Plan.BASIC).get(catalog.priceListVersions(Plan.BASIC).size() - 1).version();

        PriceList next = catalog.publishPriceList(Plan.BASIC, from, Money.euros("9.90"),
                List.of(Tier.of(1, 20, "0"), Tier.of(21, null, "10")));

        assertThat(next.version()).isEqualTo(latest + 1);
        PriceQuote after = catalog.quote(Plan.BASIC, 16, from);
        assertThat(after.priceListId()).isEqualTo(next.id());
        assertThat(after.unitPrice()).isEqualTo(Money.euros("9.90"));
        assertThat(after.monthlyNet()).isEqualTo(Money.euros("158.40"));
        assertThat(catalog.quote(Plan.BASIC, 16, from.minusDays(1)).priceListId()).isEqualTo(before.priceListId());
        // sold on the earlier version: quoted on it until renewal, whatever is in force by then
        assertThat(catalog.quote(before.priceListId(), 16)).isEqualTo(before);
        assertThat(catalog.quote(Plan.BASIC, 16).priceListVersion()).isEqualTo(1);
    }

    @Test
    void premiumIsForSaleFromTheDayItsFirstPriceListTakesEffect() {
        LocalDate from = LocalDate.of(2090, 1, 1);
        catalog.publishPriceList(Plan.PREMIUM, from, Money.euros("12.90"), List.of(Tier.of(1, null, "0")));

        assertThatThrownBy(() -> catalog.quote(Plan.PREMIUM, 10, from.minusDays(1))).isInstanceOf(RefusedException.class);
        assertThat(catalog.quote(Plan.PREMIUM, 10, from).monthlyNet()).isEqualTo(Money.euros("129.00"));
        assertThat(catalog.isForSale(Plan.PREMIUM, catalog.today())).isFalse();
    }

    @Test
    void aNewVersionNeverTakesEffectTodayOrBeforeAnExistingOne() {
        List<Tier> tiers = List.of(Tier.of(1, null, "0"));

        assertThatThrownBy(() -> catalog.publishPriceList(Plan.BASIC, catalog.today(), Money.euros("9.90"), tiers))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("effectiveFrom"));
        LocalDate next = afterLatest(Plan.BASIC, catalog.today().plusDays(1));
        assertThatThrownBy(() -> catalog.publishPriceList(Plan.BASIC, next, Money.euros("0.00"), tiers))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("listPrice"));
        assertThatThrownBy(() -> catalog.publishPriceList(Plan.BASIC, next, Money.euros("9.90"),
                List.of(Tier.of(1, 10, "0"), Tier.of(12, null, "5"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tiers"));
        assertThat(catalog.priceListInForce(Plan.BASIC, catalog.today().plusDays(1)).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void sizesWithTheOccupancyTheOperatorSet() {
        assertThat(catalog.size(new EmployeeCounts(5, 10, 5, 10)).concurrentUsers()).isEqualTo(16);

        catalog.changeOccupancy(EmployeeType.OFFICE_PERSONNEL, new BigDecimal("75.5"));

        // 5 + 7.55 + 2 + 1 = 15.55 -> 16; and 10 office personnel alone: 7.55 -> 8
        SizingResult result = catalog.size(new EmployeeCounts(0, 10, 0, 0));
        assertThat(result.exactConcurrentUsers()).isEqualByComparingTo("7.55");
        assertThat(result.concurrentUsers()).isEqualTo(8);
        assertThat(catalog.sizingPolicy().occupancyPercent(EmployeeType.OFFICE_PERSONNEL)).isEqualByComparingTo("75.5");
    }

    @Test
    void occupancyIsAPercentageAndNobodyCountedIsNotASizing() {
        assertThatThrownBy(() -> catalog.changeOccupancy(EmployeeType.FUNCTION_EXTENSIONS, new BigDecimal("101")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("occupancy4"));
        assertThatThrownBy(() -> catalog.size(new EmployeeCounts(0, 0, 0, 0)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("employees"));
    }

    /** Tests share one database: a new version goes after whatever another test published. */
    private LocalDate afterLatest(Plan plan, LocalDate wanted) {
        List<PriceList> versions = catalog.priceListVersions(plan);
        LocalDate latest = versions.isEmpty() ? wanted : versions.get(versions.size() - 1).effectiveFrom().plusYears(1);
        return latest.isAfter(wanted) ? latest : wanted;
    }
}
