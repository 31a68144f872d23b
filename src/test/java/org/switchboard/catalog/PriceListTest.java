package org.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.platform.InvalidInputException;

class PriceListTest {

    private final PriceList basic = CatalogFixtures.basicPriceList();

    @Test
    void unitPricesComputedFromListPriceAndDiscountMatchTheBrochure() {
        List<String> brochureUnitPrices = List.of("8.90", "8.01", "7.57", "7.12", "6.23", "5.34", "4.45", "3.56", "2.67");
        assertThat(basic.tiers().stream().map(t -> basic.unitPrice(t).amount().toPlainString()).toList())
                .isEqualTo(brochureUnitPrices);
    }

    @ParameterizedTest(name = "{0} CU: {1}% off, {2} each, {3} a month")
    @CsvSource({
            "1,    0,  8.90,     8.90",
            "10,   0,  8.90,    89.00",
            "11,  10,  8.01,    88.11",
            "16,  10,  8.01,   128.16",
            "25,  10,  8.01,   200.25",
            "26,  15,  7.57,   196.82",
            "50,  15,  7.57,   378.50",
            "51,  20,  7.12,   363.12",
            "100, 20,  7.12,   712.00",
            "101, 30,  6.23,   629.23",
            "250, 30,  6.23,  1557.50",
            "251, 40,  5.34,  1340.34",
            "500, 40,  5.34,  2670.00",
            "501, 50,  4.45,  2229.45",
            "750, 50,  4.45,  3337.50",
            "751, 60,  3.56,  2673.56",
            "1000, 60, 3.56,  3560.00",
            "1001, 70, 2.67,  2672.67",
            "100000, 70, 2.67, 267000.00" })
    void everyConcurrentUserCostsTheUnitPriceOfTheTierTheCountFallsIn(int count, int discount, String unit,
            String monthly) {
        PriceQuote quote = basic.quote(count);

        assertThat(quote.discountPercent()).isEqualByComparingTo(Integer.toString(discount));
        assertThat(quote.unitPrice()).isEqualTo(Money.euros(unit));
        assertThat(quote.monthlyNet()).isEqualTo(Money.euros(monthly));
        assertThat(quote.annualNet()).isEqualTo(Money.euros(monthly).times(12));
        assertThat(quote.tier().contains(count)).isTrue();
    }

    @Test
    void quoteNamesThePriceListVersionItWasMadeFrom() {
        PriceQuote quote = basic.quote(16);

        assertThat(quote.priceListId()).isEqualTo(basic.id());
        assertThat(quote.priceListVersion()).isEqualTo(1);
        assertThat(quote.effectiveFrom()).isEqualTo(CatalogFixtures.BASIC_EFFECTIVE_FROM);
        assertThat(quote.annualNet()).isEqualTo(Money.euros("1537.92"));
    }

    @ParameterizedTest(name = "{0} CU -> {1} CU at {2}")
    @CsvSource({
            "10,   11,   88.11",
            "25,   26,  196.82",
            "50,   51,  363.12",
            "100, 101,  629.23",
            "250, 251, 1340.34",
            "500, 501, 2229.45",
            "1000, 1001, 2672.67",
            "751, 1001, 2672.67",
            // 751 costs 2,673.56 but 1001 costs 2,672.67: the cheapest count at or above 750 is 1001, not 751
            "750, 1001, 2672.67",
            "601, 1001, 2672.67" })
    void largerCountThatCostsLessIsNamed(int asked, int cheaperCount, String cheaperMonthly) {
        PriceQuote quote = basic.quote(asked);

        assertThat(quote.cheaperAlternative()).contains(new CheaperAlternative(cheaperCount, Money.euros(cheaperMonthly)));
    }

    @ParameterizedTest
    @CsvSource({ "1", "8", "9", "11", "16", "26", "51", "101", "251", "501", "600", "1001", "5000", "100000" })
    void noAdviceWhenNoLargerCountIsCheaper(int asked) {
        assertThat(basic.quote(asked).cheaperAlternative()).isEmpty();
    }

    @Test
    void onEqualPricesTheSmallerCountIsNamed() {
        // 5 CU cost 50.00; 6 CU (6 x 8.00) and 12 CU (12 x 4.00) both cost 48.00
        PriceList list = CatalogFixtures.priceList("10.00", List.of(Tier.of(1, 5, "0"), Tier.of(6, 11, "20"),
                Tier.of(12, null, "60")));

        assertThat(list.monthlyNet(6)).isEqualTo(Money.euros("48.00"));
        assertThat(list.monthlyNet(12)).isEqualTo(Money.euros("48.00"));
        assertThat(list.quote(5).cheaperAlternative()).contains(new CheaperAlternative(6, Money.euros("48.00")));
        assertThat(list.quote(7).cheaperAlternative()).contains(new CheaperAlternative(12, Money.euros("48.00")));
    }

    @ParameterizedTest
    @CsvSource({ "0", "-1", "100001", "2147483647" })
    void countsOutsideOneToOneHundredThousandAreNotQuoted(int count) {
        assertThatThrownBy(() -> basic.quote(count)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Concurrent users must be between 1 and 100000")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("concurrentUsers");
    }

    @Test
    void tiersMustFollowEachOtherWithoutGapOrOverlap() {
        assertThatThrownBy(() -> CatalogFixtures.priceList("8.90", List.of(Tier.of(2, null, "0"))))
                .hasMessageContaining("should start at 1");
        assertThatThrownBy(() -> CatalogFixtures.priceList("8.90", List.of(Tier.of(1, 10, "0"), Tier.of(12, null, "10"))))
                .hasMessageContaining("should start at 11");
        assertThatThrownBy(() -> CatalogFixtures.priceList("8.90", List.of(Tier.of(1, 10, "0"), Tier.of(10, null, "10"))))
                .hasMessageContaining("should start at 11");
        assertThatThrownBy(() -> CatalogFixtures.priceList("8.90", List.of(Tier.of(1, 10, "0"))))
                .hasMessageContaining("no upper end");
        assertThatThrownBy(() -> CatalogFixtures.priceList("8.90", List.of(Tier.of(1, null, "0"), Tier.of(2, null, "0"))))
                .hasMessageContaining("Only the last tier");
        assertThatThrownBy(() -> CatalogFixtures.priceList("8.90", List.of()))
                .hasMessageContaining("at least one tier");
    }

    @Test
    void discountsAndListPriceMustMakeSense() {
        assertThatThrownBy(() -> Tier.of(1, null, "100")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tier.of(1, null, "-5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tier.of(1, null, "12.345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CatalogFixtures.priceList("0.00", List.of(Tier.of(1, null, "0"))))
                .hasMessageContaining("above 0");
    }
}
