package org.switchboard.catalog;

import java.math.BigDecimal;
import java.util.List;

/**
 * The concurrent users a customer needs: the exact sum of each type's share, rounded up to a
 * whole count, and at least 1 when anyone is counted.
 */
public record SizingResult(long employees, List<Share> breakdown, BigDecimal exactConcurrentUsers, int concurrentUsers) {

    /** One employee type's part: count x occupancy, exact. */
    public record Share(EmployeeType type, int count, BigDecimal occupancyPercent, BigDecimal concurrentUsers) {
    }

    public SizingResult {
        breakdown = List.copyOf(breakdown);
    }
}
