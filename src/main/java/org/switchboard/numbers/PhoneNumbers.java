package org.switchboard.numbers;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The one place numbers are read and checked (E.164, with libphonenumber). libphonenumber takes
 * German numbers of 14-15 digits as valid, so the length is checked here as well: E.164 allows 15
 * digits in all, and a German national number has at most 11 digits.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** A number read as E.164 ({@code +4989123456}), with why it is not one when it is not. */
    public record Checked(String e164, String problem) {

        public boolean ok() {
            return problem == null;
        }
    }

    /** Reads a number written as E.164 or nationally (in {@code region}), and checks it is valid for its country. */
    public static Checked check(String input, String region) {
        if (input == null || input.isBlank()) {
            return new Checked(null, "A number is required");
        }
        String written = input.trim();
        if (!written.matches("[+0-9 ()/\\-]{3,30}")) {
            return new Checked(null, "'" + shorten(written) + "' is not a phone number");
        }
        PhoneNumber parsed;
        try {
            parsed = UTIL.parse(written, region == null ? "DE" : region);
        } catch (NumberParseException e) {
            return new Checked(null, "'" + shorten(written) + "' is not a phone number");
        }
        String e164 = UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        String national = UTIL.getNationalSignificantNumber(parsed);
        String country = UTIL.getRegionCodeForNumber(parsed);
        if (e164.length() - 1 > 15 || ("DE".equals(country) && national.length() > 11)) {
            return new Checked(null, e164 + " is too long for a number of its country");
        }
        if (!UTIL.isValidNumber(parsed)) {
            return new Checked(null, e164 + " is not a valid number" + (country == null ? "" : " for " + country));
        }
        return new Checked(e164, null);
    }

    /** Like {@link #check} for a geographic (fixed-line) number, the only kind the inventory holds. */
    public static Checked checkGeographic(String input, String region) {
        Checked checked = check(input, region);
        if (!checked.ok()) {
            return checked;
        }
        if (areaCode(checked.e164()).isEmpty()) {
            return new Checked(null, checked.e164() + " is not a geographic number with an area code");
        }
        return checked;
    }

    /** The area code with its national prefix ("089" for +4989123456), for geographic numbers. */
    public static Optional<String> areaCode(String e164) {
        try {
            PhoneNumber parsed = UTIL.parse(e164, "DE");
            PhoneNumberType type = UTIL.getNumberType(parsed);
            if (type != PhoneNumberType.FIXED_LINE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
                return Optional.empty();
            }
            int length = UTIL.getLengthOfGeographicalAreaCode(parsed);
            if (length <= 0) {
                return Optional.empty();
            }
            String prefix = UTIL.getNddPrefixForRegion(UTIL.getRegionCodeForNumber(parsed), true);
            return Optional.of((prefix == null ? "" : prefix) + UTIL.getNationalSignificantNumber(parsed).substring(0, length));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The region (ISO country) of a valid number. */
    public static String country(String e164) {
        try {
            return UTIL.getRegionCodeForNumber(UTIL.parse(e164, "DE"));
        } catch (NumberParseException e) {
            throw new IllegalArgumentException(e164, e);
        }
    }

    /** For people: "+49 89 123456". */
    public static String display(String e164) {
        try {
            return UTIL.format(UTIL.parse(e164, "DE"), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    private static String shorten(String s) {
        return s.length() > 30 ? s.substring(0, 27) + "..." : s;
    }
}
