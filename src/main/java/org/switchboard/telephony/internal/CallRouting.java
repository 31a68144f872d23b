package org.switchboard.telephony.internal;

import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.switchboard.connector.EmergencyNumbers;
import org.switchboard.platform.BoundedMemo;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Rule "where a dialled call goes", without a network: an emergency number of the instance's
 * country always to the carrier; an extension of the instance to its devices; a public number
 * (E.164, international 00 or national 0 prefix) to the carrier in E.164 form; anything else is
 * not found. A deactivated instance reaches emergency numbers only.
 */
final class CallRouting {

    enum Kind {
        INTERNAL, EXTERNAL, EMERGENCY, NOT_FOUND, DEACTIVATED, NO_TRUNK
    }

    /** Where to: the extension for internal calls, the E.164 number (or the short emergency number) else. */
    record Route(Kind kind, String target) {
    }

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private CallRouting() {
    }

    /**
     * The E.164 form of a dialled string in a country (empty: not a number), by country and
     * string: the same few are dialled again and again, and libphonenumber parses each time (the
     * emergency check keeps its own answers).
     */
    static final int MAX_NUMBERS = 10_000;
    private static final BoundedMemo<String, String> E164_OF = new BoundedMemo<>(MAX_NUMBERS);

    private static String e164Kept(String dialled, String country) {
        String n = E164_OF.get(country + "|" + dialled, key -> {
            String e164 = e164(dialled, country);
            return e164 == null ? "" : e164; // not a number: kept too
        });
        return n.isEmpty() ? null : n;
    }

    /** One to twenty digits, a leading + allowed, checked without a regular expression. */
    static boolean dialable(String dialled) {
        if (dialled == null) {
            return false;
        }
        int from = dialled.startsWith("+") ? 1 : 0;
        int digits = dialled.length() - from;
        if (digits < 1 || digits > 20) {
            return false;
        }
        for (int i = from; i < dialled.length(); i++) {
            char c = dialled.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static Route route(String dialled, String country, boolean deactivated, Predicate<String> isExtension,
            boolean carrierConfigured) {
        if (!dialable(dialled)) {
            return new Route(Kind.NOT_FOUND, dialled);
        }
        if (EmergencyNumbers.isEmergency(dialled, country)) {
            return carrierConfigured ? new Route(Kind.EMERGENCY, dialled) : new Route(Kind.NO_TRUNK, dialled);
        }
        if (deactivated) {
            return new Route(Kind.DEACTIVATED, dialled);
        }
        if (!dialled.startsWith("+") && !dialled.startsWith("0") && isExtension.test(dialled)) {
            return new Route(Kind.INTERNAL, dialled);
        }
        String e164 = e164Kept(dialled, country);
        if (e164 == null) {
            return new Route(Kind.NOT_FOUND, dialled);
        }
        return carrierConfigured ? new Route(Kind.EXTERNAL, e164) : new Route(Kind.NO_TRUNK, e164);
    }

    /** The dialled number in E.164 form: +49..., 0049... or 030... in the instance's country; null if not a number. */
    static String e164(String dialled, String country) {
        String n = dialled;
        if (n.startsWith("00")) {
            n = "+" + n.substring(2);
        }
        if (n.startsWith("+")) {
            return E164.matcher(n).matches() ? n : null;
        }
        if (!n.startsWith("0")) {
            return null;
        }
        try {
            PhoneNumber parsed = PhoneNumberUtil.getInstance().parse(n, country == null ? EmergencyNumbers.DEFAULT_COUNTRY
                    : country);
            String formatted = PhoneNumberUtil.getInstance().format(parsed, PhoneNumberFormat.E164);
            return E164.matcher(formatted).matches() ? formatted : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
