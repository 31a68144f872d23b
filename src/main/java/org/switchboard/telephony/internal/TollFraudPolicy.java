package org.switchboard.telephony.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Rule "toll-fraud guards" for a call to the public network, without a network: an instance calls
 * its home country and the countries opened for it; premium-rate and service ranges are blocked by
 * explicit prefixes (libphonenumber's number types miss some, e.g. German 0137 and 0180); a device
 * places at most so many calls a minute and an instance has at most so many outbound calls at
 * once. Emergency calls never come here. The answer is the sentence saying why, for the phone's
 * Warning and the call's record.
 */
final class TollFraudPolicy {

    /** The guards in force: see {@code switchboard.sip.fraud.*}. */
    record Guards(Set<String> extraCountries, List<String> blockedPrefixes, int callsPerMinutePerDevice,
            int concurrentOutboundPerInstance) {
    }

    /** The reason code kept with the refused call, and the sentence the caller is shown. */
    record Refusal(String code, String sentence) {
    }

    private TollFraudPolicy() {
    }

    static Optional<Refusal> check(String e164, String homeCountry, Guards guards, int callsOfDeviceLastMinute,
            int liveOutboundOfInstance) {
        for (String prefix : guards.blockedPrefixes()) {
            if (e164.startsWith(prefix)) {
                return Optional.of(new Refusal("FRAUD_BLOCKED_RANGE", "Calls to " + prefix
                        + "... (premium-rate or service numbers) are blocked on this phone system"));
            }
        }
        String region = regionOf(e164);
        String home = homeCountry == null ? "DE" : homeCountry.toUpperCase(Locale.ROOT);
        if (region == null || !region.equals(home) && !guards.extraCountries().contains(region)) {
            return Optional.of(new Refusal("FRAUD_COUNTRY", "Calls to " + (region == null ? "this destination"
                    : "country " + region) + " are not open for this phone system"));
        }
        if (callsOfDeviceLastMinute >= guards.callsPerMinutePerDevice()) {
            return Optional.of(new Refusal("FRAUD_RATE", "This device placed " + callsOfDeviceLastMinute
                    + " calls in the last minute, the most allowed"));
        }
        if (liveOutboundOfInstance >= guards.concurrentOutboundPerInstance()) {
            return Optional.of(new Refusal("FRAUD_CONCURRENT", "This phone system has "
                    + liveOutboundOfInstance + " calls to the public network at once, the most allowed"));
        }
        return Optional.empty();
    }

    static String regionOf(String e164) {
        try {
            String region = PhoneNumberUtil.getInstance().getRegionCodeForNumber(
                    PhoneNumberUtil.getInstance().parse(e164, null));
            return region == null || region.equals("ZZ") ? null : region;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
