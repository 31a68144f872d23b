package org.switchboard.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The format of a VAT identification number: a two-letter country prefix and 2 to 12 letters or
 * digits, at least two of them digits. Whether the number is registered is not checked here.
 */
public final class VatIds {

    static final String PROBLEM = "VAT ID must start with a two-letter country code followed by 2 to 12 letters or digits, e.g. DE123456789";
    private static final Pattern FORMAT = Pattern.compile("^[A-Z]{2}[0-9A-Z+*.]{2,12}$");

    private VatIds() {
    }

    /** True when blank (the VAT ID is optional) or of valid format. */
    public static boolean wellFormed(String vatId) {
        if (vatId == null || vatId.isBlank()) {
            return true;
        }
        String normalized = vatId.replace(" ", "").toUpperCase(Locale.ROOT);
        return FORMAT.matcher(normalized).matches() && normalized.substring(2).chars().filter(Character::isDigit).count() >= 2;
    }
}
