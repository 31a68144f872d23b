package org.switchboard.simulation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * The product's money rules as plain arithmetic, written from the rules themselves and not from
 * the billing or partner programme classes, so that a reconciliation against them can find a
 * fault in those classes: the volume price table, pro-rata to the minute, airtime by increment,
 * VAT by the customer's country and commission by level.
 */
public final class ExpectedMoney {

    public static final BigDecimal LIST_PRICE = new BigDecimal("8.90");
    /** Volume tiers of plan Basic: from CU, discount in percent. */
    private static final int[][] TIERS = { { 1, 0 }, { 11, 10 }, { 26, 15 }, { 51, 20 }, { 101, 30 }, { 251, 40 },
            { 501, 50 }, { 751, 60 }, { 1001, 70 } };
    private static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DK", "EE", "ES", "FI", "FR", "GR",
            "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private ExpectedMoney() {
    }

    /** Unit price of Basic at {@code cu}: list price less the tier's discount, half-up to the cent. */
    public static BigDecimal unitPrice(int cu) {
        int discount = 0;
        for (int[] tier : TIERS) {
            if (cu >= tier[0]) {
                discount = tier[1];
            }
        }
        return LIST_PRICE.multiply(BigDecimal.valueOf(100 - discount)).divide(BigDecimal.valueOf(100), 2,
                RoundingMode.HALF_UP);
    }

    /** Monthly net of Basic at {@code cu}. */
    public static BigDecimal monthlyNet(int cu) {
        return cu <= 0 ? cents(BigDecimal.ZERO) : unitPrice(cu).multiply(BigDecimal.valueOf(cu));
    }

    /** Minutes of a calendar month in the business time zone (a month with a clock change is an hour shorter or longer). */
    public static long minutesIn(YearMonth month, ZoneId zone) {
        return Duration.between(month.atDay(1).atStartOfDay(zone), month.plusMonths(1).atDay(1).atStartOfDay(zone))
                .toMinutes();
    }

    /** A change of the monthly net from {@code at} (its minute) to the end of its month, rounded once to the cent. */
    public static BigDecimal proRata(BigDecimal oldNet, BigDecimal newNet, Instant at, ZoneId zone) {
        YearMonth month = YearMonth.from(at.atZone(zone));
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        long left = Duration.between(at.truncatedTo(ChronoUnit.MINUTES), end).toMinutes();
        return newNet.subtract(oldNet).multiply(BigDecimal.valueOf(left))
                .divide(BigDecimal.valueOf(minutesIn(month, zone)), 2, RoundingMode.HALF_UP);
    }

    /** A zone of the tariff as the simulation reads it: prefixes, price a minute, increment as "first/next", connect fee. */
    public record Zone(String name, List<String> prefixes, BigDecimal perMinute, int first, int next,
            BigDecimal connectFee) {
    }

    /** The zone of the longest prefix of {@code e164} (with its +), or null. */
    public static Zone zoneOf(String e164, List<Zone> zones) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        Zone best = null;
        int length = 0;
        for (Zone z : zones) {
            for (String p : z.prefixes()) {
                if (digits.startsWith(p) && p.length() > length) {
                    best = z;
                    length = p.length();
                }
            }
        }
        return best;
    }

    /** Seconds billed for {@code talk} seconds: the first unit whole, then whole further units. */
    public static long billedSeconds(long talk, int first, int next) {
        if (talk <= 0) {
            return 0;
        }
        if (talk <= first) {
            return first;
        }
        long rest = talk - first;
        return first + (rest + next - 1) / next * next;
    }

    /** The charge of one answered call, to 4 decimals: connect fee plus price a minute for the billed seconds. */
    public static BigDecimal callCharge(Zone zone, long talkSeconds) {
        BigDecimal billed = BigDecimal.valueOf(billedSeconds(talkSeconds, zone.first(), zone.next()));
        return zone.connectFee().add(zone.perMinute().multiply(billed).divide(SIXTY, 10, RoundingMode.HALF_UP))
                .setScale(4, RoundingMode.HALF_UP);
    }

    /** VAT rate in percent: 19 in Germany, 0 (reverse charge) in the EU with a VAT ID, 0 outside the EU. */
    public static BigDecimal vatPercent(String country, String vatId) {
        if ("DE".equals(country)) {
            return BigDecimal.valueOf(19);
        }
        if (EU.contains(country) && (vatId == null || vatId.isBlank())) {
            return BigDecimal.valueOf(19);
        }
        return BigDecimal.ZERO;
    }

    public static BigDecimal vat(BigDecimal net, BigDecimal percent) {
        return net.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    /** Commission rate of a partner level by its name: Registered 10%, Certified 15%, Premium 20%, Excellence 25%. */
    public static BigDecimal commissionRate(String level) {
        return switch (level) {
            case "CERTIFIED" -> new BigDecimal("0.15");
            case "PREMIUM" -> new BigDecimal("0.20");
            case "EXCELLENCE" -> new BigDecimal("0.25");
            default -> new BigDecimal("0.10");
        };
    }

    public static BigDecimal commission(BigDecimal net, BigDecimal rate) {
        return net.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
