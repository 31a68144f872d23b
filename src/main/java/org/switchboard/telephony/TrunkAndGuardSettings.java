package org.switchboard.telephony;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.connector.ServiceRanges;
import org.switchboard.numbers.TrunkTemplate;
import org.switchboard.platform.Validation;
import org.switchboard.telephony.internal.OperatorSipSettings;

/**
 * The operator's settings of the platform's carrier trunk and of the toll-fraud guards: where the
 * carrier is and how the platform authenticates to it, which countries customers may open, the
 * blocked premium-rate and service prefixes, calls a minute per device, calls at once per instance,
 * and the daily airtime cap. Until an operator saves them, the configuration holds
 * ({@code switchboard.sip.carrier.*}, {@code switchboard.sip.fraud.*}). Operators only.
 */
@Service
public class TrunkAndGuardSettings {

    /** The settings in force; the carrier's password only masked. {@code source}: OPERATOR or CONFIGURATION. */
    public record View(String carrierAddress, String carrierTransport, String carrierUsername,
            String carrierPasswordMasked, String callerIdHeader, List<String> allowedCountries,
            List<String> blockedPrefixes, int callsPerMinutePerDevice, int concurrentOutboundPerInstance,
            int dailyAirtimeMinutes, String source, Instant updatedAt, String updatedBy, List<String> allowedPrefixes,
            List<ServiceRangeView> serviceRanges) {
    }

    /** A premium-rate or service range (E.164 prefix) and whether calls reach it at present. */
    public record ServiceRangeView(String prefix, String description, boolean letThrough) {
    }

    /** A change as sent; a blank {@code carrierPassword} keeps the stored one, a blank address means no carrier. */
    public record Change(String carrierAddress, String carrierTransport, String carrierUsername, String carrierPassword,
            String callerIdHeader, List<String> allowedCountries, List<String> blockedPrefixes,
            Integer callsPerMinutePerDevice, Integer concurrentOutboundPerInstance, Integer dailyAirtimeMinutes,
            List<String> allowedPrefixes) {

        /** A change that leaves the allowed service ranges as they are. */
        public Change(String carrierAddress, String carrierTransport, String carrierUsername, String carrierPassword,
                String callerIdHeader, List<String> allowedCountries, List<String> blockedPrefixes,
                Integer callsPerMinutePerDevice, Integer concurrentOutboundPerInstance, Integer dailyAirtimeMinutes) {
            this(carrierAddress, carrierTransport, carrierUsername, carrierPassword, callerIdHeader, allowedCountries,
                    blockedPrefixes, callsPerMinutePerDevice, concurrentOutboundPerInstance, dailyAirtimeMinutes, null);
        }
    }

    private static final Pattern PREFIX = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final OperatorSipSettings settings;
    private final Clock clock;

    TrunkAndGuardSettings(OperatorSipSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public View current(CurrentUser user) {
        user.requireOperator("see the carrier trunk and the toll-fraud guards");
        SipSettings.Carrier c = settings.carrier();
        SipSettings.Fraud f = settings.fraud();
        var stored = settings.stored();
        return new View(c.address(), c.transport() == null ? "udp" : c.transport().toLowerCase(Locale.ROOT),
                c.username(), masked(c.password()), c.callerIdHeader(), f.allowedCountries().stream().sorted().toList(),
                f.blockedPrefixes(), f.callsPerMinutePerDevice(), f.concurrentOutboundPerInstance(),
                f.dailyAirtimeMinutes(), stored.isPresent() ? "OPERATOR" : "CONFIGURATION",
                stored.map(OperatorSipSettings.Stored::updatedAt).orElse(null),
                stored.map(OperatorSipSettings.Stored::updatedBy).orElse(null), f.allowedPrefixes(),
                ServiceRanges.all().stream().map(r -> new ServiceRangeView(r.e164Prefix(), r.description(),
                        f.allowedPrefixes().stream().anyMatch(r.e164Prefix()::startsWith))).toList());
    }

    /** Checks and saves the whole change (all or nothing); calls set up from now on use it. */
    public View update(CurrentUser user, Change c) {
        user.requireOperator("change the carrier trunk and the toll-fraud guards");
        Validation v = new Validation();
        String address = Validation.trimToNull(c.carrierAddress());
        if (address != null) {
            String problem = TrunkTemplate.hostProblem(address);
            if (problem != null) {
                v.reject("carrierAddress", "Carrier address: " + problem);
            }
        }
        String transport = c.carrierTransport() == null || c.carrierTransport().isBlank() ? "udp"
                : c.carrierTransport().trim().toLowerCase(Locale.ROOT);
        v.check(transport.equals("udp") || transport.equals("tcp"), "carrierTransport",
                "Transport must be UDP or TCP");
        String username = Validation.trimToNull(c.carrierUsername());
        v.optionalText("carrierUsername", "User name at the carrier", username, 100);
        String password = c.carrierPassword() == null || c.carrierPassword().isEmpty() ? null : c.carrierPassword();
        v.check(password == null || password.length() <= 200 && !Validation.hasControlCharacters(password),
                "carrierPassword", "The password has at most 200 characters and no control characters");
        v.check(username != null || password == null, "carrierUsername",
                "A password needs the user name it belongs to");
        String header = c.callerIdHeader() == null || c.callerIdHeader().isBlank() ? "P_ASSERTED_IDENTITY"
                : c.callerIdHeader().trim().toUpperCase(Locale.ROOT);
        try {
            TrunkTemplate.CallerIdHeader.valueOf(header);
        } catch (IllegalArgumentException e) {
            v.reject("callerIdHeader", "Caller-id header must be one of P_ASSERTED_IDENTITY, P_PREFERRED_IDENTITY, "
                    + "REMOTE_PARTY_ID or FROM");
        }
        Set<String> countries = new LinkedHashSet<>();
        for (String raw : c.allowedCountries() == null ? List.<String>of() : c.allowedCountries()) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String code = raw.trim().toUpperCase(Locale.ROOT);
            if (COUNTRIES.contains(code)) {
                countries.add(code);
            } else {
                v.reject("allowedCountries", "'" + shortened(raw) + "' is not an ISO country code such as FR or AT");
            }
        }
        List<String> prefixes = prefixes(c.blockedPrefixes(), "blockedPrefixes", v);
        List<String> allowed = c.allowedPrefixes() == null ? settings.fraud().allowedPrefixes()
                : prefixes(c.allowedPrefixes(), "allowedPrefixes", v);
        range(v, "callsPerMinutePerDevice", "Calls a minute per device", c.callsPerMinutePerDevice(), 1, 1_000);
        range(v, "concurrentOutboundPerInstance", "Calls at once per phone system", c.concurrentOutboundPerInstance(),
                1, 10_000);
        range(v, "dailyAirtimeMinutes", "Daily airtime cap", c.dailyAirtimeMinutes(), 0, 100_000);
        v.throwIfInvalid();
        settings.save(new OperatorSipSettings.Stored(new SipSettings.Carrier(address, transport, username, null, header),
                List.copyOf(countries), prefixes, c.callsPerMinutePerDevice(), c.concurrentOutboundPerInstance(),
                c.dailyAirtimeMinutes(), clock.instant(), user.email(), allowed), password);
        return current(user);
    }

    /** Prefixes in E.164 form, each once; a fault is rejected on {@code field}. */
    private static List<String> prefixes(List<String> raws, String field, Validation v) {
        List<String> prefixes = new ArrayList<>();
        for (String raw : raws == null ? List.<String>of() : raws) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String p = raw.trim().replace(" ", "");
            if (PREFIX.matcher(p).matches()) {
                if (!prefixes.contains(p)) {
                    prefixes.add(p);
                }
            } else {
                v.reject(field, "'" + shortened(raw) + "' is not a prefix in E.164 form such as +49900");
            }
        }
        return prefixes;
    }

    private static void range(Validation v, String field, String label, Integer value, int min, int max) {
        if (value == null) {
            v.reject(field, label + " is required");
        } else if (value < min || value > max) {
            v.reject(field, label + " must be between " + min + " and " + String.format(Locale.ROOT, "%,d", max)
                    + (min == 0 ? " (0: no cap)" : ""));
        }
    }

    private static String shortened(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    static String masked(String password) {
        if (password == null || password.isEmpty()) {
            return null;
        }
        return "••••••" + (password.length() > 6 ? password.substring(password.length() - 2) : "");
    }
}
