package org.switchboard.billing;

import java.util.Map;
import java.util.Optional;

/**
 * Rule "special numbers are not ordinary calls": premium-rate, shared-cost, personal, directory
 * enquiry and other service ranges are priced by their provider, not by the network. A number in
 * such a range is rated only by a zone that names the range (a prefix as long as the range's or
 * longer); a shorter prefix, such as 49 for German fixed lines, does not rate it, and the call is
 * kept as unrated for the operator. The table holds the ranges of the countries next to the
 * platform's market (see docs/billing.md); other countries' numbers fall to their zones as before.
 */
public final class ServiceRanges {

    /** Digits after the + of each range, and what it is. */
    static final Map<String, String> RANGES = Map.ofEntries(
            // Germany
            Map.entry("49900", "premium-rate (0900)"),
            Map.entry("49137", "mass-calling (0137)"),
            Map.entry("49118", "directory enquiries (118)"),
            Map.entry("49180", "shared-cost service (0180)"),
            Map.entry("49700", "personal number (0700)"),
            Map.entry("49800", "freephone (0800)"),
            Map.entry("4912", "innovative services (012)"),
            Map.entry("4919", "online services (019)"),
            // Austria
            Map.entry("43900", "premium-rate (0900)"),
            Map.entry("43901", "premium-rate (0901)"),
            Map.entry("43930", "premium-rate (0930)"),
            Map.entry("43931", "premium-rate (0931)"),
            Map.entry("43939", "premium-rate (0939)"),
            Map.entry("43810", "shared-cost service (0810)"),
            Map.entry("43820", "service number (0820)"),
            Map.entry("43821", "service number (0821)"),
            Map.entry("43800", "freephone (0800)"),
            Map.entry("43118", "directory enquiries (118)"),
            // Switzerland
            Map.entry("41900", "premium-rate (0900)"),
            Map.entry("41901", "premium-rate (0901)"),
            Map.entry("41906", "premium-rate (0906)"),
            Map.entry("41840", "shared-cost service (084x)"),
            Map.entry("41842", "shared-cost service (084x)"),
            Map.entry("41844", "shared-cost service (084x)"),
            Map.entry("41848", "shared-cost service (084x)"),
            Map.entry("41800", "freephone (0800)"),
            // United Kingdom
            Map.entry("4490", "premium-rate (090)"),
            Map.entry("4491", "premium-rate (091)"),
            Map.entry("4487", "service number (087)"),
            Map.entry("44118", "directory enquiries (118)"),
            Map.entry("4470", "personal number (070)"));

    private static final int LONGEST = RANGES.keySet().stream().mapToInt(String::length).max().orElse(0);

    /** A range of special numbers that one of the dialled digits' prefixes lies in. */
    public record Range(String prefix, String description) {
    }

    private ServiceRanges() {
    }

    /** The longest special range the number (E.164, with or without +) lies in. */
    public static Optional<Range> rangeOf(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        for (int length = Math.min(LONGEST, digits.length()); length > 0; length--) {
            String prefix = digits.substring(0, length);
            String description = RANGES.get(prefix);
            if (description != null) {
                return Optional.of(new Range(prefix, description));
            }
        }
        return Optional.empty();
    }
}
