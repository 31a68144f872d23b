package org.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SizingPolicyPropertiesTest {

    @Property
    void concurrentUsersAreTheCeilingOfTheExactSum(@ForAll("counts") EmployeeCounts counts,
            @ForAll("policies") SizingPolicy policy) {
        BigDecimal exact = BigDecimal.ZERO;
        for (EmployeeType type : EmployeeType.values()) {
            exact = exact.add(BigDecimal.valueOf(counts.of(type)).multiply(policy.occupancyPercent(type))
                    .divide(BigDecimal.valueOf(100)));
        }
        int ceiling = exact.setScale(0, RoundingMode.CEILING).intValueExact();

        SizingResult result = policy.size(counts);

        assertThat(result.exactConcurrentUsers()).isEqualByComparingTo(exact);
        assertThat(result.concurrentUsers()).isEqualTo(counts.isEmpty() ? 0 : Math.max(1, ceiling));
        assertThat(result.employees()).isEqualTo(counts.total());
    }

    @Property
    void anyoneCountedNeedsAtLeastOneAndNeverMoreThanThereAreEmployees(@ForAll("counts") EmployeeCounts counts,
            @ForAll("policies") SizingPolicy policy) {
        SizingResult result = policy.size(counts);

        if (!counts.isEmpty()) {
            assertThat(result.concurrentUsers()).isGreaterThanOrEqualTo(1);
        }
        assertThat((long) result.concurrentUsers()).isLessThanOrEqualTo(Math.max(counts.total(), 0));
    }

    @Property
    void theBrochurePercentagesNeverCountAFunctionExtensionAsMuchAsAManager(
            @ForAll @IntRange(min = 1, max = 1_000_000) int n) {
        SizingPolicy brochure = SizingPolicy.brochure();

        assertThat(brochure.size(new EmployeeCounts(0, 0, 0, n)).concurrentUsers())
                .isLessThanOrEqualTo(brochure.size(new EmployeeCounts(n, 0, 0, 0)).concurrentUsers());
    }

    @Provide
    Arbitrary<EmployeeCounts> counts() {
        Arbitrary<Integer> count = Arbitraries.oneOf(Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, EmployeeCounts.MAX_PER_TYPE));
        return count.list().ofSize(4).map(c -> new EmployeeCounts(c.get(0), c.get(1), c.get(2), c.get(3)));
    }

    @Provide
    Arbitrary<SizingPolicy> policies() {
        Arbitrary<BigDecimal> percent = Arbitraries.integers().between(0, 10_000).map(hundredths -> BigDecimal.valueOf(hundredths, 2));
        return Arbitraries.oneOf(Arbitraries.just(SizingPolicy.brochure()), percent.list().ofSize(4).map(p -> {
            Map<EmployeeType, BigDecimal> percents = new EnumMap<>(EmployeeType.class);
            for (EmployeeType type : EmployeeType.values()) {
                percents.put(type, p.get(type.number() - 1));
            }
            return new SizingPolicy(percents);
        }));
    }
}
