package org.switchboard.connector;

import java.util.Locale;

import org.switchboard.platform.BoundedMemo;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.ShortNumberInfo;

/**
 * Rule "emergency calls": which dialled numbers are emergency numbers of an instance's country,
 * dialled short ({@code 112}, an Austrian {@code 133}) or in E.164 form with the country's own
 * calling code ({@code +49112}, {@code +43133}). Such calls are always admitted, even over the
 * licence limit, always put through, and never billed. The one place this rule is kept.
 */
public final class EmergencyNumbers {

    /** The country whose emergency numbers apply when an instance's country is not known. */
    public static final String DEFAULT_COUNTRY = "DE";

    private EmergencyNumbers() {
    }

    /**
     * Answers given, by country and dialled string: a call set-up asks twice (its route and its
     * licence) and the same few numbers are dialled again and again, while libphonenumber's check
     * matches patterns each time.
     */
    private static final BoundedMemo<String, Boolean> ANSWERS = new BoundedMemo<>(10_000);

    public static boolean isEmergency(String dialled, String country) {
        if (dialled == null || dialled.isBlank()) {
            return false;
        }
        return ANSWERS.get(country + "|" + dialled, key -> check(dialled, country));
    }

    private static boolean check(String dialled, String country) {
        String region = country == null || country.isBlank() ? DEFAULT_COUNTRY : country.trim().toUpperCase(Locale.ROOT);
        String number = dialled.trim();
        if (number.startsWith("+")) {
            String code = "+" + PhoneNumberUtil.getInstance().getCountryCodeForRegion(region);
            if (code.equals("+0") || !number.startsWith(code)) {
                return false;
            }
            number = number.substring(code.length());
        }
        return number.chars().allMatch(Character::isDigit) && number.length() <= 6
                && ShortNumberInfo.getInstance().isEmergencyNumber(number, region);
    }
}
