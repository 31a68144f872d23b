package org.switchboard.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The plans in the catalog. A plan is for sale only while a price list is in force for it;
 * Premium has none until the operator publishes one. Not to be confused with the partner level "Premium".
 */
public enum Plan {
    BASIC("basic", "Basic"), PREMIUM("premium", "Premium");

    private final String code;
    private final String label;

    Plan(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The name in URLs and JSON: {@code basic}, {@code premium}. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The plan with this code, ignoring case and surrounding blanks. */
    public static Optional<Plan> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.code.equals(wanted)).findFirst();
    }

    public static String codes() {
        return String.join(", ", Arrays.stream(values()).map(Plan::code).toList());
    }
}
