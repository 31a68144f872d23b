package org.switchboard.instances;

import java.util.Locale;
import java.util.Set;

import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;

/**
 * The account a SEPA direct debit is drawn from. The IBAN is checked (country in the SEPA scheme,
 * its length for that country, check digits) and leaves this class only masked, except to the
 * payment file that needs it.
 */
public final class BankAccount {

    /** Countries and territories of the SEPA scheme (EPC list of 2025). */
    static final Set<String> SEPA_COUNTRIES = Set.of("AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE",
            "ES", "FI", "FR", "GB", "GI", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MT",
            "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA", "AL", "MD", "ME", "MK", "GF", "GP", "MQ",
            "YT", "RE", "PM", "BL", "MF", "AX", "GG", "JE", "IM");

    private final String iban;
    private final String accountHolder;

    private BankAccount(String iban, String accountHolder) {
        this.iban = iban;
        this.accountHolder = accountHolder;
    }

    /** Checks and normalises what a customer typed: spaces removed, upper case. */
    public static BankAccount of(String rawIban, String accountHolder) {
        Validation v = new Validation().text("accountHolder", "Account holder", accountHolder, 70);
        String problem = problemWith(rawIban);
        if (problem != null) {
            v.reject("iban", problem);
        }
        v.throwIfInvalid();
        return new BankAccount(normalize(rawIban), accountHolder.trim());
    }

    /** As stored: already checked when it was entered. */
    public static BankAccount restore(String iban, String accountHolder) {
        return new BankAccount(iban, accountHolder);
    }

    static String normalize(String raw) {
        return raw.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    static String problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return "IBAN is required";
        }
        String iban = normalize(raw);
        if (!iban.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}")) {
            return "IBAN must start with a country code and two check digits, followed by letters and digits only";
        }
        String country = iban.substring(0, 2);
        if (!SEPA_COUNTRIES.contains(country)) {
            return "IBAN of " + country + " is not in the SEPA area: direct debit needs an account in a SEPA country";
        }
        try {
            IbanUtil.validate(iban);
            return null;
        } catch (InvalidCheckDigitException e) {
            return "IBAN check digits do not match: please check the number for typing errors";
        } catch (UnsupportedCountryException e) {
            return "IBAN of " + country + " is not in the SEPA area: direct debit needs an account in a SEPA country";
        } catch (IbanFormatException e) {
            return switch (e.getFormatViolation()) {
                case BBAN_LENGTH -> "IBAN has the wrong length for " + country;
                default -> "IBAN is not valid for " + country + ": please check the number";
            };
        }
    }

    /** Only for the payment file: never shown, logged or answered. */
    public String ibanForPayment() {
        return iban;
    }

    public String accountHolder() {
        return accountHolder;
    }

    /** Country, check digits and the last four characters: DE89 **** **** **** **30 00 style, shortened. */
    public String maskedIban() {
        return iban.substring(0, 4) + " **** **** " + iban.substring(iban.length() - 4);
    }

    @Override
    public String toString() {
        return maskedIban() + " (" + accountHolder + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BankAccount b && b.iban.equals(iban) && b.accountHolder.equals(accountHolder);
    }

    @Override
    public int hashCode() {
        return iban.hashCode();
    }
}
