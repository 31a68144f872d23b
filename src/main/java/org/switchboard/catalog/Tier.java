package org.switchboard.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A volume tier: the concurrent-user counts from {@code from} to {@code to} (both included; no
 * upper end when {@code to} is null) and the discount on the list price, in percent.
 */
public record Tier(int from, Integer to, BigDecimal discountPercent) {

    public Tier {
        Objects.requireNonNull(discountPercent, "discountPercent");
        if (from < 1) {
            throw new IllegalArgumentException("A tier starts at 1 concurrent user or more, not " + from);
        }
        if (to != null && to < from) {
            throw new IllegalArgumentException("Tier " + from + "-" + to + " ends before it starts");
        }
        if (discountPercent.signum() < 0 || discountPercent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new IllegalArgumentException("A discount is at least 0% and below 100%, not " + discountPercent + "%");
        }
        if (discountPercent.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("A discount has at most two decimals, not " + discountPercent);
        }
    }

    public static Tier of(int from, Integer to, String discountPercent) {
        return new Tier(from, to, new BigDecimal(discountPercent));
    }

    public boolean contains(int concurrentUsers) {
        return concurrentUsers >= from && (to == null || concurrentUsers <= to);
    }

    public boolean isOpenEnded() {
        return to == null;
    }

    /** What the list price is multiplied by: 1 - discount, exact. */
    BigDecimal priceFactor() {
        return BigDecimal.ONE.subtract(discountPercent.movePointLeft(2));
    }

    /** "1-10", "1001+" */
    public String range() {
        return to == null ? from + "+" : from + "-" + to;
    }
}
