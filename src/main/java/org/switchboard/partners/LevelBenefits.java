package org.switchboard.partners;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.function.Predicate;

import org.switchboard.accounts.PartnerLevel;

/** What each level earns: commission rate, NFR licence size, leads, directory listing and support queue. */
public final class LevelBenefits {

    private LevelBenefits() {
    }

    /** Commission on subscriptions and airtime; also the CSP discount. */
    public static BigDecimal commissionRate(PartnerLevel level) {
        return switch (level) {
            case REGISTERED -> new BigDecimal("0.10");
            case CERTIFIED -> new BigDecimal("0.15");
            case PREMIUM -> new BigDecimal("0.20");
            case EXCELLENCE -> new BigDecimal("0.25");
        };
    }

    /** Concurrent users of the free NFR instance for the partner's own use; 0: none. */
    public static int nfrConcurrentUsers(PartnerLevel level) {
        return switch (level) {
            case REGISTERED -> 0;
            case CERTIFIED -> 10;
            case PREMIUM -> 25;
            case EXCELLENCE -> 50;
        };
    }

    public static boolean receivesLeads(PartnerLevel level) {
        return level.compareTo(PartnerLevel.CERTIFIED) >= 0;
    }

    /** Premium and Excellence get the leads of the regions they serve first. */
    public static boolean hasRegionalPriority(PartnerLevel level) {
        return level.compareTo(PartnerLevel.PREMIUM) >= 0;
    }

    public static boolean listedInDirectory(PartnerLevel level) {
        return level.compareTo(PartnerLevel.CERTIFIED) >= 0;
    }

    public static boolean partnerSupport(PartnerLevel level) {
        return level.compareTo(PartnerLevel.CERTIFIED) >= 0;
    }

    /** The lowest level that has a benefit, for pages that say from which level it comes. */
    public static PartnerLevel firstWith(Predicate<PartnerLevel> benefit) {
        return Arrays.stream(PartnerLevel.values()).filter(benefit).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no level has this benefit"));
    }

    public static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
