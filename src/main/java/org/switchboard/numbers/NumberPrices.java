package org.switchboard.numbers;

import java.time.Instant;

import org.switchboard.catalog.Money;

/**
 * The operator's settings for numbers: how long a released number stays in quarantine, the
 * monthly net of a number beyond the included ones (a single number, a block of 10, 100 or
 * 1,000, each priced as one), and the fee per ported number (zero: no fee).
 */
public record NumberPrices(int quarantineMonths, Money single, Money block10, Money block100, Money block1000,
        Money portingFeePerNumber, Instant updatedAt, String updatedBy) {

    public Money monthlyNetOf(NumberRange.Kind kind, int size) {
        if (kind == NumberRange.Kind.SINGLE) {
            return single;
        }
        return switch (size) {
            case 10 -> block10;
            case 100 -> block100;
            case 1000 -> block1000;
            default -> throw new IllegalArgumentException("No block of " + size);
        };
    }
}
