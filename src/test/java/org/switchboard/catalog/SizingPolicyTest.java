package org.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.platform.InvalidInputException;

class SizingPolicyTest {

    private final SizingPolicy brochure = SizingPolicy.brochure();

    @Test
    void theBrochuresExample() {
        SizingResult result = brochure.size(new EmployeeCounts(5, 10, 5, 10));

        assertThat(result.employees()).isEqualTo(30);
        assertThat(result.concurrentUsers()).isEqualTo(16);
        assertThat(result.exactConcurrentUsers()).isEqualByComparingTo("16");
        assertThat(result.breakdown()).extracting(s -> s.concurrentUsers().stripTrailingZeros().toPlainString())
                .containsExactly("5", "8", "2", "1");
        assertThat(result.breakdown()).extracting(SizingResult.Share::occupancyPercent)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("100"), new BigDecimal("80"), new BigDecimal("40"), new BigDecimal("10"));
    }

    @ParameterizedTest(name = "{0}/{1}/{2}/{3} -> {4}")
    @CsvSource({
            "0, 0, 0, 1, 1",   // 0.1 rounds up, and anyone counted needs a licence
            "0, 0, 3, 0, 2",   // 1.2
            "0, 1, 0, 0, 1",   // 0.8
            "0, 0, 0, 10, 1",  // exactly 1.0 stays 1
            "0, 0, 0, 11, 2",  // 1.1
            "0, 5, 0, 0, 4",   // exactly 4.0
            "1, 1, 1, 1, 3",   // 2.3
            "0, 0, 0, 0, 0" })
    void roundsTheExactSumUp(int t1, int t2, int t3, int t4, int expected) {
        assertThat(brochure.size(new EmployeeCounts(t1, t2, t3, t4)).concurrentUsers()).isEqualTo(expected);
    }

    @Test
    void anyoneCountedNeedsAtLeastOneEvenAtZeroOccupancy() {
        Map<EmployeeType, BigDecimal> percents = new EnumMap<>(brochure.occupancyPercents());
        percents.put(EmployeeType.FUNCTION_EXTENSIONS, BigDecimal.ZERO);

        assertThat(new SizingPolicy(percents).size(new EmployeeCounts(0, 0, 0, 7)).concurrentUsers()).isEqualTo(1);
    }

    @Test
    void usesTheOperatorsPercentages() {
        Map<EmployeeType, BigDecimal> percents = new EnumMap<>(brochure.occupancyPercents());
        percents.put(EmployeeType.OFFICE_PERSONNEL, new BigDecimal("75.5"));

        // 10 x 0.755 = 7.55 -> 8
        assertThat(new SizingPolicy(percents).size(new EmployeeCounts(0, 10, 0, 0)).concurrentUsers()).isEqualTo(8);
    }

    @Test
    void countsMustBeBetweenZeroAndOneMillionEach() {
        assertThatThrownBy(() -> new EmployeeCounts(-1, 0, 0, 1_000_001))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations()).extracting(InvalidInputException.Violation::field)
                            .containsExactly("type1", "type4");
                    assertThat(e.messageFor("type4"))
                            .isEqualTo("Function extensions (type 4) must be a whole number between 0 and 1000000");
                });
        assertThat(brochure.size(new EmployeeCounts(1_000_000, 1_000_000, 1_000_000, 1_000_000)).concurrentUsers())
                .isEqualTo(2_300_000);
    }

    @Test
    void occupancyIsAPercentage() {
        Map<EmployeeType, BigDecimal> percents = new EnumMap<>(brochure.occupancyPercents());
        percents.put(EmployeeType.OFFICE_PERSONNEL, new BigDecimal("100.01"));
        assertThatThrownBy(() -> new SizingPolicy(percents)).isInstanceOf(IllegalArgumentException.class);
        percents.remove(EmployeeType.OFFICE_PERSONNEL);
        assertThatThrownBy(() -> new SizingPolicy(percents)).isInstanceOf(IllegalArgumentException.class);
    }
}
