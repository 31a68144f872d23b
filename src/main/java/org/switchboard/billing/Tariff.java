package org.switchboard.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.switchboard.platform.Validation;
import org.switchboard.connector.ServiceRanges;

/**
 * The zones in force, found by the longest prefix of a number's digits. A prefix belongs to at
 * most one zone; longer prefixes inside a shorter one's range (49 and 4915) are what makes
 * mobile differ from fixed.
 */
public final class Tariff {

    /** Rating keeps 4 decimals per call; invoice lines are rounded to the cent later. */
    static final int CALL_SCALE = 4;
    /** Neither a price per minute nor a connect fee of any zone reaches 1,000.00. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999.9999");
    private static final Pattern PREFIX = Pattern.compile("[1-9][0-9]{0,14}");
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private final List<TariffZone> zones;
    private final Map<String, TariffZone> byPrefix = new HashMap<>();
    private final int longestPrefix;

    public Tariff(List<TariffZone> zones) {
        this.zones = List.copyOf(zones);
        int longest = 0;
        for (TariffZone zone : zones) {
            for (String prefix : zone.prefixes()) {
                byPrefix.put(prefix, zone);
                longest = Math.max(longest, prefix.length());
            }
        }
        this.longestPrefix = longest;
    }

    public List<TariffZone> zones() {
        return zones;
    }

    /**
     * The zone of the longest prefix matching the number (digits, with or without a leading +); none
     * for a number in a special range ({@link ServiceRanges}) unless the prefix names that range.
     */
    public Optional<TariffZone> zoneFor(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        int special = ServiceRanges.rangeOf(digits).map(r -> r.prefix().length()).orElse(0);
        for (int length = Math.min(longestPrefix, digits.length()); length > 0; length--) {
            TariffZone zone = byPrefix.get(digits.substring(0, length));
            if (zone != null) {
                return length >= special ? Optional.of(zone) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The price of an answered call of {@code seconds} in a zone, to 4 decimals, rounded once. */
    static BigDecimal price(TariffZone zone, long seconds) {
        long billed = zone.increment().billedSeconds(seconds);
        return zone.connectFee().multiply(SIXTY).add(zone.pricePerMinute().multiply(BigDecimal.valueOf(billed)))
                .divide(SIXTY, CALL_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * Checks a zone against itself and the zones beside it ({@code others}, without the zone
     * being replaced): name, prefixes (1 to 15 digits, each in one zone only), a price and
     * connect fee of at least 0 with at most 4 decimals, a known increment.
     */
    static void check(String name, List<String> prefixes, BigDecimal pricePerMinute, String increment,
            BigDecimal connectFee, List<TariffZone> others) {
        Validation v = new Validation().text("name", "Zone name", name, 80);
        if (prefixes == null || prefixes.isEmpty()) {
            v.reject("prefixes", "Give at least one prefix, the digits a number starts with after the +, e.g. 49 or 4915");
        } else {
            List<String> seen = new ArrayList<>();
            for (String raw : prefixes) {
                String prefix = normalizePrefix(raw);
                if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                    v.reject("prefixes", "Prefix '" + raw + "' must be 1 to 15 digits of an E.164 number, not starting with 0");
                } else if (seen.contains(prefix)) {
                    v.reject("prefixes", "Prefix " + prefix + " is given twice");
                } else {
                    seen.add(prefix);
                    others.stream().filter(o -> o.prefixes().contains(prefix)).findFirst().ifPresent(o -> v
                            .reject("prefixes", "Prefix " + prefix + " belongs to the zone " + o.name() + " already"));
                }
            }
        }
        amount(v, "pricePerMinute", "Price per minute", pricePerMinute);
        amount(v, "connectFee", "Connect fee", connectFee);
        if (Increment.byCode(increment).isEmpty()) {
            v.reject("increment", "Increment must be one of " + Increment.codes());
        }
        others.stream().filter(o -> name != null && o.name().equalsIgnoreCase(name.trim())).findFirst()
                .ifPresent(o -> v.reject("name", "A zone named " + o.name() + " exists already"));
        v.throwIfInvalid();
    }

    private static void amount(Validation v, String field, String label, BigDecimal value) {
        v.amount(field, label, value, BigDecimal.ZERO, MAX_AMOUNT, CALL_SCALE);
    }

    static String normalizePrefix(String raw) {
        if (raw == null) {
            return null;
        }
        String p = raw.replace(" ", "");
        return p.startsWith("+") ? p.substring(1) : p;
    }
}
