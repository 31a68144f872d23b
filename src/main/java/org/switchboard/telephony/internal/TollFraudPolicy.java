package org.switchboard.telephony.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.switchboard.connector.ServiceRanges;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Rule "toll-fraud guards" for a call to the public network, without a network: an instance calls
 * its home country and the countries its customer admin opened, of those the operator lets be
 * opened; premium-rate and service ranges are blocked: the one list of them
 * ({@link ServiceRanges}, which billing rates by too) unless the operator allows a range, and the
 * operator's own prefixes on top (libphonenumber's number types miss some, e.g. German 0137 and
 * 0180, so the ranges are explicit prefixes); a device
 * places at most so many calls a minute and an instance has at most so many outbound calls at
 * once; an instance talks at most so many minutes a day to the public network. Emergency calls
 * never come here. The answer is the sentence saying why, for the phone's
 * Warning and the call's record.
 */
public final class TollFraudPolicy {

    /**
     * The guards in force: see {@code switchboard.sip.fraud.*}. {@code openableCountries}: the countries
     * (ISO 3166 codes) a customer admin may open besides the home country; {@code dailyAirtimeMinutes}:
     * minutes a day an instance may talk to the public network, 0 for no cap.
     */
    record Guards(Set<String> openableCountries, List<String> blockedPrefixes, int callsPerMinutePerDevice,
            int concurrentOutboundPerInstance, int dailyAirtimeMinutes, List<String> allowedPrefixes) {

        /** Guards that let through the freephone ranges only, as the configuration does by default. */
        Guards(Set<String> openableCountries, List<String> blockedPrefixes, int callsPerMinutePerDevice,
                int concurrentOutboundPerInstance, int dailyAirtimeMinutes) {
            this(openableCountries, blockedPrefixes, callsPerMinutePerDevice, concurrentOutboundPerInstance,
                    dailyAirtimeMinutes, ServiceRanges.freephonePrefixes());
        }
    }

    /** What the instance did today and has open: the figures the guards compare. */
    record Usage(Set<String> openedCountries, int callsOfDeviceLastMinute, int liveOutboundOfInstance,
            long airtimeSecondsToday) {
    }

    /** The reason code kept with the refused call, and the sentence the caller is shown. */
    record Refusal(String code, String sentence) {
    }

    private TollFraudPolicy() {
    }

    static Optional<Refusal> check(String e164, String homeCountry, Guards guards, Usage usage) {
        for (String prefix : guards.blockedPrefixes()) {
            if (e164.startsWith(prefix)) {
                return Optional.of(new Refusal("FRAUD_BLOCKED_RANGE", "Calls to " + prefix
                        + "... (premium-rate or service numbers) are blocked on this phone system"));
            }
        }
        Optional<ServiceRanges.Range> range = ServiceRanges.rangeOf(e164);
        if (range.isPresent() && guards.allowedPrefixes().stream().noneMatch(e164::startsWith)) {
            return Optional.of(new Refusal("FRAUD_BLOCKED_RANGE", "Calls to " + range.get().e164Prefix() + "... ("
                    + range.get().description() + ") are blocked on this phone system"));
        }
        String region = regionOf(e164);
        String home = homeCountry == null ? "DE" : homeCountry.toUpperCase(Locale.ROOT);
        boolean open = region != null && (region.equals(home)
                || usage.openedCountries().contains(region) && guards.openableCountries().contains(region));
        if (!open) {
            return Optional.of(new Refusal("FRAUD_COUNTRY", "Calls to " + (region == null ? "this destination"
                    : "country " + region) + " are not open for this phone system"));
        }
        if (usage.callsOfDeviceLastMinute() >= guards.callsPerMinutePerDevice()) {
            return Optional.of(new Refusal("FRAUD_RATE", "This device placed " + usage.callsOfDeviceLastMinute()
                    + " calls in the last minute, the most allowed"));
        }
        if (usage.liveOutboundOfInstance() >= guards.concurrentOutboundPerInstance()) {
            return Optional.of(new Refusal("FRAUD_CONCURRENT", "This phone system has "
                    + usage.liveOutboundOfInstance() + " calls to the public network at once, the most allowed"));
        }
        if (guards.dailyAirtimeMinutes() > 0 && usage.airtimeSecondsToday() >= guards.dailyAirtimeMinutes() * 60L) {
            return Optional.of(new Refusal(AIRTIME_CAP, "This phone system talked its " + guards.dailyAirtimeMinutes()
                    + " minutes to the public network allowed today; calls go out again tomorrow"));
        }
        return Optional.empty();
    }

    static final String AIRTIME_CAP = "FRAUD_AIRTIME";

    /**
     * Why a customer admin cannot open {@code country} for an instance at home in {@code homeCountry},
     * or null when it can be opened.
     */
    public static String openingProblem(String country, String homeCountry, Set<String> openable) {
        if (country == null || !country.matches("[A-Z]{2}")) {
            return "'" + country + "' is not a country code (two letters, such as FR)";
        }
        if (country.equals(homeCountry)) {
            return country + " is the phone system's home country, open always";
        }
        if (!openable.contains(country)) {
            return "Calls to " + country + " cannot be opened: the operator allows "
                    + (openable.isEmpty() ? "no country besides the home country" : String.join(", ",
                            new java.util.TreeSet<>(openable)));
        }
        return null;
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
