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

    /**
     * True when blank, or when its prefix is the country's (Greece writes EL): an Austrian company
     * has an ATU... number, and a DE number on it would make a reverse charge wrongly.
     */
    public static boolean ofCountry(String vatId, String country) {
        if (vatId == null || vatId.isBlank() || country == null || country.isBlank()) {
            return true;
        }
        String prefix = vatId.replace(" ", "").toUpperCase(Locale.ROOT);
        prefix = prefix.length() < 2 ? prefix : prefix.substring(0, 2);
        String land = country.trim().toUpperCase(Locale.ROOT);
        return prefix.equals(land.equals("GR") ? "EL" : land);
    }

    static String countryProblem(String country) {
        return "The VAT ID must start with the country's code (" + (country == null ? "" : country.trim().toUpperCase(Locale.ROOT))
                + "): a VAT ID of another country is not this company's";
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
