package org.switchboard.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rule "special numbers are not ordinary calls": premium-rate, shared-cost, personal, directory
 * enquiry and other service ranges are priced by their provider, not by the network. The one list
 * of them, applied on both sides of a call: the SIP core's toll-fraud guard blocks a call into any
 * of these ranges at set-up unless the operator allows the range (freephone is allowed until the
 * operator says otherwise), and billing rates a number in such a range only by a zone that names
 * the range (a prefix as long as the range's or longer); a shorter prefix, such as 49 for German
 * fixed lines, does not rate it, and the call is kept as unrated for the operator. The table holds
 * the ranges of the countries next to the platform's market (see docs/billing.md and
 * docs/telephony.md); other countries' numbers fall to their zones as before.
 */
public final class ServiceRanges {

    /** Digits after the + of each range, and what it is. */
    static final Map<String, String> RANGES = Map.ofEntries(
            // Germany
            Map.entry("49900", "premium-rate (0900)"),
            Map.entry("49137", "mass-calling (0137)"),
            Map.entry("49138", "mass-calling (0138)"),
            Map.entry("49190", "premium-rate, former (0190)"),
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

        /** The range as an E.164 prefix, such as +49900. */
        public String e164Prefix() {
            return "+" + prefix;
        }

        /** Free to the caller: nobody gains from calls to it, so the fraud guard lets it through by default. */
        public boolean freephone() {
            return description.startsWith("freephone");
        }
    }

    private ServiceRanges() {
    }

    /** Every range, shortest prefix first. */
    public static List<Range> all() {
        return RANGES.entrySet().stream().map(e -> new Range(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(Range::prefix)).toList();
    }

    /** The freephone ranges as E.164 prefixes: what the fraud guard lets through unless the operator blocks them. */
    public static List<String> freephonePrefixes() {
        return all().stream().filter(Range::freephone).map(Range::e164Prefix).toList();
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
