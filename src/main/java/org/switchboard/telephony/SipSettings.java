package org.switchboard.telephony;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SIP core's settings ({@code switchboard.sip.*}): where it listens, the platform's SIP domain
 * (instances are {@code <subdomain>.<domain>}), registration and call limits, the bounded work
 * queue and its overload control, the order of the digest challenges (SHA-256 first, as RFC 8760 asks; a phone takes the first
 * it supports), and the platform's carrier trunk to the public network.
 */
@ConfigurationProperties("switchboard.sip")
public record SipSettings(Boolean enabled, Integer port, String bindAddress, String advertisedHost, String domain,
        Integer workers, Integer queue, Integer maxConnections, Integer retryAfterSeconds, Integer minExpires,
        Integer maxExpires, Integer maxContacts, Duration nonceLifetime, Duration noAnswerTimeout,
        Duration maxCallDuration, java.util.List<String> challengeOrder, Carrier carrier, Fraud fraud,
        Overload overload) {

    /**
     * Overload control at the door ({@code switchboard.sip.overload.*}): new requests are refused with
     * 503 once work has waited longer than {@code targetWait} (100 ms) for a whole {@code interval}
     * (200 ms), and a new request let in that waited longer than {@code staleWait} (1 s) is refused
     * by the worker instead of served. See docs/telephony.md, "Overload".
     */
    public record Overload(Duration targetWait, Duration interval, Duration staleWait) {
        public Overload {
            targetWait = targetWait == null ? Duration.ofMillis(100) : targetWait;
            interval = interval == null ? Duration.ofMillis(200) : interval;
            staleWait = staleWait == null ? Duration.ofSeconds(1) : staleWait;
        }
    }

    /**
     * The platform's carrier trunk: where calls to the public network go, how it knows us, and the
     * header that presents the caller's number ({@code P_ASSERTED_IDENTITY}, the default, or {@code FROM},
     * {@code P_PREFERRED_IDENTITY}, {@code REMOTE_PARTY_ID}).
     */
    public record Carrier(String address, String transport, String username, String password,
            String callerIdHeader) {
        public Carrier {
            callerIdHeader = callerIdHeader == null || callerIdHeader.isBlank() ? "P_ASSERTED_IDENTITY"
                    : callerIdHeader.trim().toUpperCase(java.util.Locale.ROOT);
        }

        public boolean configured() {
            return address != null && !address.isBlank();
        }
    }

    /**
     * Toll-fraud guards for calls to the public network: the countries a customer admin may open for
     * an instance besides its home country ({@code allowedCountries}, ISO 3166 codes; none by
     * default), blocked prefixes (E.164) on top of the premium-rate and service ranges
     * ({@link org.switchboard.connector.ServiceRanges}, blocked always but for the ranges in
     * {@code allowedPrefixes}, by default the freephone ones), calls a minute per device, calls
     * to the public network at once per instance, minutes a day per instance to the public network (0:
     * no cap) counted in {@code airtimeZone}; failed registrations per source address and per account
     * before a ban, the first ban (doubling with each further one, at most {@code longestBan}); user
     * agents of scanners refused; addresses never banned by address (the Kamailio edge in front).
     */
    public record Fraud(java.util.List<String> allowedCountries, java.util.List<String> blockedPrefixes,
            Integer callsPerMinutePerDevice, Integer concurrentOutboundPerInstance, Integer dailyAirtimeMinutes,
            String airtimeZone, Integer registrationFailures, Duration firstBan, Duration longestBan,
            java.util.List<String> blockedUserAgents, java.util.List<String> trustedAddresses,
            java.util.List<String> allowedPrefixes) {

        public Fraud {
            allowedCountries = allowedCountries == null ? java.util.List.of()
                    : allowedCountries.stream().map(c -> c.trim().toUpperCase(java.util.Locale.ROOT))
                            .filter(c -> !c.isEmpty()).distinct().toList();
            blockedPrefixes = blockedPrefixes == null ? java.util.List.of() : java.util.List.copyOf(blockedPrefixes);
            allowedPrefixes = allowedPrefixes == null ? org.switchboard.connector.ServiceRanges.freephonePrefixes()
                    : java.util.List.copyOf(allowedPrefixes);
            callsPerMinutePerDevice = callsPerMinutePerDevice == null ? 10 : callsPerMinutePerDevice;
            concurrentOutboundPerInstance = concurrentOutboundPerInstance == null ? 50 : concurrentOutboundPerInstance;
            dailyAirtimeMinutes = dailyAirtimeMinutes == null ? 1440 : dailyAirtimeMinutes;
            airtimeZone = airtimeZone == null || airtimeZone.isBlank() ? "Europe/Berlin" : airtimeZone.trim();
            registrationFailures = registrationFailures == null ? 5 : registrationFailures;
            firstBan = firstBan == null ? Duration.ofMinutes(1) : firstBan;
            longestBan = longestBan == null ? Duration.ofDays(1) : longestBan;
            blockedUserAgents = blockedUserAgents == null ? java.util.List.of("friendly-scanner", "sipvicious",
                    "sipcli", "sip-scan", "sundayddr", "iwar", "vaxsipuseragent", "pplsip")
                    : java.util.List.copyOf(blockedUserAgents);
            trustedAddresses = trustedAddresses == null ? java.util.List.of() : java.util.List.copyOf(trustedAddresses);
        }
    }

    public SipSettings {
        enabled = enabled == null || enabled;
        port = port == null ? 5060 : port;
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress;
        advertisedHost = advertisedHost == null || advertisedHost.isBlank() ? "127.0.0.1" : advertisedHost;
        domain = domain == null || domain.isBlank() ? "sip.localhost" : domain.trim().toLowerCase();
        workers = workers == null ? 16 : workers;
        queue = queue == null ? 4096 : queue;
        maxConnections = maxConnections == null ? 5000 : maxConnections;
        retryAfterSeconds = retryAfterSeconds == null ? 5 : retryAfterSeconds;
        minExpires = minExpires == null ? 60 : minExpires;
        maxExpires = maxExpires == null ? 3600 : maxExpires;
        maxContacts = maxContacts == null ? 10 : maxContacts;
        nonceLifetime = nonceLifetime == null ? Duration.ofMinutes(5) : nonceLifetime;
        noAnswerTimeout = noAnswerTimeout == null ? Duration.ofSeconds(30) : noAnswerTimeout;
        maxCallDuration = maxCallDuration == null ? Duration.ofHours(8) : maxCallDuration;
        challengeOrder = challengeOrder == null || challengeOrder.isEmpty() ? java.util.List.of("SHA-256", "MD5")
                : java.util.List.copyOf(challengeOrder);
        carrier = carrier == null ? new Carrier(null, "udp", null, null, null) : carrier;
        overload = overload == null ? new Overload(null, null, null) : overload;
        fraud = fraud == null ? new Fraud(null, null, null, null, null, null, null, null, null, null, null, null) : fraud;
    }

    /** The SIP domain of the instance reached under {@code subdomain}. */
    public String domainOf(String subdomain) {
        return subdomain + "." + domain;
    }
}
