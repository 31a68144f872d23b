package org.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CheaperAlternativePropertiesTest {

    private final PriceList basic = CatalogFixtures.basicPriceList();

    @Property
    void theAlternativeIsALargerCountThatCostsStrictlyLess(
            @ForAll @IntRange(min = 1, max = PriceList.MAX_CONCURRENT_USERS) int asked) {
        PriceQuote quote = basic.quote(asked);

        quote.cheaperAlternative().ifPresent(alternative -> {
            assertThat(alternative.concurrentUsers()).isGreaterThan(asked);
            assertThat(alternative.monthlyNet()).isLessThan(quote.monthlyNet());
            assertThat(alternative.monthlyNet()).isEqualTo(basic.monthlyNet(alternative.concurrentUsers()));
        });
    }

    @Property(tries = 300)
    void theAlternativeIsTheCheapestCountAtOrAboveTheAskedOne(@ForAll @IntRange(min = 1, max = 1100) int asked) {
        assertThat(basic.quote(asked).cheaperAlternative()).isEqualTo(bruteForce(basic, asked));
    }

    @Property(tries = 300)
    void holdsForAnyGaplessTierTable(@ForAll("priceLists") PriceList list, @ForAll @IntRange(min = 1, max = 300) int asked) {
        assertThat(list.quote(asked).cheaperAlternative()).isEqualTo(bruteForce(list, asked));
    }

    /**
     * Every count from the asked one up to past the last tier's start; beyond that the monthly
     * net only grows, so nothing cheaper can follow.
     */
    private static java.util.Optional<CheaperAlternative> bruteForce(PriceList list, int asked) {
        int lastStart = list.tiers().get(list.tiers().size() - 1).from();
        Money askedMonthly = list.monthlyNet(asked);
        int bestCount = asked;
        Money best = askedMonthly;
        for (int count = asked; count <= Math.max(asked, lastStart) + 10; count++) {
            Money monthly = list.monthlyNet(count);
            if (monthly.isLessThan(best)) {
                best = monthly;
                bestCount = count;
            }
        }
        return bestCount == asked ? java.util.Optional.empty()
                : java.util.Optional.of(new CheaperAlternative(bestCount, best));
    }

    @Provide
    Arbitrary<PriceList> priceLists() {
        Arbitrary<List<Integer>> widths = Arbitraries.integers().between(1, 60).list().ofMinSize(0).ofMaxSize(6);
        Arbitrary<List<Integer>> discounts = Arbitraries.integers().between(0, 9999).list().ofSize(7);
        Arbitrary<Integer> listPriceCents = Arbitraries.integers().between(1, 5000);
        return Combinators.combine(widths, discounts, listPriceCents).as((w, d, cents) -> {
            List<Tier> tiers = new java.util.ArrayList<>();
            int from = 1;
            for (int i = 0; i < w.size(); i++) {
                int to = from + w.get(i) - 1;
                tiers.add(new Tier(from, to, java.math.BigDecimal.valueOf(d.get(i), 2)));
                from = to + 1;
            }
            tiers.add(new Tier(from, null, java.math.BigDecimal.valueOf(d.get(w.size()), 2)));
            return CatalogFixtures.priceList(java.math.BigDecimal.valueOf(cents, 2).toPlainString(), tiers);
        });
    }
}
