package org.switchboard.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The sizing rule: each employee type holds a licence for its occupancy share of the time, so a
 * customer needs the ceiling of the exact sum of count x occupancy, and at least 1 concurrent user
 * when anyone is counted.
 */
public final class SizingPolicy {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Map<EmployeeType, BigDecimal> occupancyPercent;

    public SizingPolicy(Map<EmployeeType, BigDecimal> occupancyPercent) {
        Map<EmployeeType, BigDecimal> copy = new EnumMap<>(EmployeeType.class);
        for (EmployeeType type : EmployeeType.values()) {
            BigDecimal percent = occupancyPercent.get(type);
            if (percent == null) {
                throw new IllegalArgumentException("No occupancy for " + type.label());
            }
            requireValidOccupancy(percent);
            copy.put(type, percent);
        }
        this.occupancyPercent = Collections.unmodifiableMap(copy);
    }

    /** The percentages of the brochure: 100, 80, 40 and 10. */
    public static SizingPolicy brochure() {
        Map<EmployeeType, BigDecimal> percents = new EnumMap<>(EmployeeType.class);
        for (EmployeeType type : EmployeeType.values()) {
            percents.put(type, type.brochureOccupancyPercent());
        }
        return new SizingPolicy(percents);
    }

    static void requireValidOccupancy(BigDecimal percent) {
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0 || percent.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("An occupancy is 0% to 100% with at most two decimals, not " + percent);
        }
    }

    public BigDecimal occupancyPercent(EmployeeType type) {
        return occupancyPercent.get(type);
    }

    public Map<EmployeeType, BigDecimal> occupancyPercents() {
        return occupancyPercent;
    }

    public SizingResult size(EmployeeCounts counts) {
        List<SizingResult.Share> breakdown = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (EmployeeType type : EmployeeType.values()) {
            int count = counts.of(type);
            BigDecimal percent = occupancyPercent.get(type);
            BigDecimal share = BigDecimal.valueOf(count).multiply(percent).movePointLeft(2);
            breakdown.add(new SizingResult.Share(type, count, percent, share));
            sum = sum.add(share);
        }
        int concurrentUsers = sum.setScale(0, RoundingMode.CEILING).intValueExact();
        if (!counts.isEmpty()) {
            concurrentUsers = Math.max(1, concurrentUsers);
        }
        return new SizingResult(counts.total(), breakdown, sum, concurrentUsers);
    }
}
