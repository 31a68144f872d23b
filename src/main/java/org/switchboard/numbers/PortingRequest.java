package org.switchboard.numbers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a porting request says, exactly as the releasing provider holds it: the numbers (single
 * numbers or whole blocks), whether they are all numbers of the contract (else the rest are
 * cancelled with the porting, which the customer states explicitly), the releasing provider, the
 * company with its legal form, the address of the line, the contract holder, and the desired date
 * (or the end of the contract).
 */
public record PortingRequest(List<PortedNumbers> numbers, boolean wholeContract, boolean restCancelled,
        String provider, String companyName, String street, String postcode, String city, String contractHolder,
        String providerCustomerNumber, LocalDate desiredDate, boolean atContractEnd) {

    /** A single number ({@code extensionDigits} 0) or a block: base number and 1-3 extension digits. */
    public record PortedNumbers(String base, int extensionDigits) {

        public NumberRange.Kind kind() {
            return extensionDigits == 0 ? NumberRange.Kind.SINGLE : NumberRange.Kind.BLOCK;
        }

        public int size() {
            return (int) Math.pow(10, extensionDigits);
        }

        public String label() {
            return extensionDigits == 0 ? PhoneNumbers.display(base)
                    : PhoneNumbers.display(base + "0".repeat(extensionDigits)) + " to -" + "9".repeat(extensionDigits)
                            + " (block of " + size() + ")";
        }
    }

    private static final Pattern LEGAL_FORM = Pattern.compile(
            "(?i).*\\b(GmbH|mbH|AG|KG|KGaA|OHG|GbR|UG|e\\.\\s?K\\.|e\\.\\s?Kfm\\.|e\\.\\s?Kfr\\.|e\\.\\s?V\\.|eG|SE|PartG|"
                    + "PartG mbB|Ltd\\.?|Inc\\.?|S\\.?A\\.?|S\\.?à r\\.?l\\.?|B\\.?V\\.?|GesbR|OG)(\\b|\\s|$).*");
    /** Dotted words that are legal forms or their parts, not abbreviations to write out. */
    private static final java.util.Set<String> DOTTED_FORMS = java.util.Set.of("ltd", "inc", "co", "kfm", "kfr", "corp");

    public int count() {
        return numbers.stream().mapToInt(PortedNumbers::size).sum();
    }

    /**
     * Details that commonly make the releasing provider refuse a request: the customer is warned,
     * not stopped, since only the provider's records decide.
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (companyName != null && !companyName.isBlank() && !LEGAL_FORM.matcher(companyName.trim()).matches()) {
            warnings.add("The company name has no legal form (GmbH, AG, KG, e.K., ...): a name without it is the most "
                    + "common reason for a rejection. Write it exactly as on the provider's bill.");
        }
        for (String[] field : new String[][] { { "company name", companyName }, { "street", street },
                { "contract holder", contractHolder } }) {
            String abbreviation = firstAbbreviation(field[1]);
            if (abbreviation != null) {
                warnings.add("The " + field[0] + " contains an abbreviation (\"" + abbreviation
                        + "\"): write it out as the releasing provider holds it, e.g. \"Straße\" for \"Str.\".");
            }
        }
        if (!wholeContract) {
            warnings.add("Numbers of the contract not listed here are cancelled with the porting. A number you forget "
                    + "to list is lost: compare the list with the provider's bill.");
        }
        if (providerCustomerNumber == null || providerCustomerNumber.isBlank()) {
            warnings.add("Without your customer number at the releasing provider the contract is often not found.");
        }
        if (contractHolder != null && companyName != null && !contractHolder.isBlank()
                && !contractHolder.trim().toLowerCase(Locale.ROOT).equals(companyName.trim().toLowerCase(Locale.ROOT))
                && !contractHolder.toLowerCase(Locale.ROOT).contains(companyName.trim().toLowerCase(Locale.ROOT))) {
            warnings.add("The contract holder differs from the company name: the holder must be the one on the "
                    + "provider's contract, and must sign the form.");
        }
        return warnings;
    }

    /** The first word ending in a dot that is not a legal form ("Hauptstr.", "Gebr."), or null. */
    static String firstAbbreviation(String text) {
        if (text == null) {
            return null;
        }
        for (String token : text.split("[\\s,;/()]+")) {
            if (!token.endsWith(".") || token.length() < 2) {
                continue;
            }
            String word = token.substring(0, token.length() - 1);
            if (word.contains(".") || !word.chars().allMatch(Character::isLetter)
                    || DOTTED_FORMS.contains(word.toLowerCase(Locale.ROOT))) {
                continue; // e.K., e.V., S.A., Co., Ltd.: legal forms
            }
            return token;
        }
        return null;
    }
}
