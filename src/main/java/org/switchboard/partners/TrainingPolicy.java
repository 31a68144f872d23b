package org.switchboard.partners;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.switchboard.catalog.Money;

/**
 * Training rules: the online test is passed with at least 80% correct answers and may be taken
 * again 24 hours after a failed attempt; a webinar seat costs half the list price when booked at
 * most 28 days after the partner's registration (day 28 yes, day 29 no). A webinar costs 0.00 to
 * 5,000.00 EUR a seat and is scheduled at most two years ahead.
 */
public final class TrainingPolicy {

    public static final int PASS_PERCENT = 80;
    public static final Duration RETAKE_AFTER = Duration.ofHours(24);
    public static final int DISCOUNT_DAYS = 28;
    public static final BigDecimal EARLY_DISCOUNT = new BigDecimal("0.50");
    public static final BigDecimal MAX_WEBINAR_PRICE = new BigDecimal("5000.00");
    public static final java.time.Period MAX_WEBINAR_AHEAD = java.time.Period.ofYears(2);

    private TrainingPolicy() {
    }

    public static boolean passed(int correct, int total) {
        return total > 0 && correct * 100 >= PASS_PERCENT * total;
    }

    public static BigDecimal discount(LocalDate registeredOn, LocalDate bookedOn) {
        return registeredOn != null && ChronoUnit.DAYS.between(registeredOn, bookedOn) <= DISCOUNT_DAYS
                ? EARLY_DISCOUNT : BigDecimal.ZERO;
    }

    public static Money price(Money listPrice, BigDecimal discount) {
        return listPrice.times(BigDecimal.ONE.subtract(discount));
    }
}
