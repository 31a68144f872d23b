package org.switchboard.telephony.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.telephony.SipSettings;
import org.switchboard.telephony.sip.Flow;

/**
 * Failed registrations throttled per source address and per account ({@link RegistrationThrottle}
 * decides): a banned address or account is refused with 403 and a Warning saying for how long.
 * Trusted addresses (the edge proxy every phone comes through) are never banned by address.
 */
final class RegistrationGuard {

    private static final Logger log = LoggerFactory.getLogger(RegistrationGuard.class);

    private final RegistrationThrottle byAddress;
    private final RegistrationThrottle byAccount;
    private final Set<String> trusted;

    RegistrationGuard(SipSettings settings) {
        SipSettings.Fraud f = settings.fraud();
        this.byAddress = new RegistrationThrottle(f.registrationFailures(), f.firstBan(), f.longestBan(),
                Duration.ofHours(1), 200_000);
        this.byAccount = new RegistrationThrottle(f.registrationFailures(), f.firstBan(), f.longestBan(),
                Duration.ofHours(1), 200_000);
        this.trusted = Set.copyOf(f.trustedAddresses());
    }

    /** The sentence refusing a registration from {@code from} for {@code account}, when either is banned. */
    Optional<String> refusal(Flow from, String account, Instant now) {
        Duration address = trusted.contains(from.host()) ? Duration.ZERO : byAddress.banned(from.host(), now);
        if (!address.isZero()) {
            return Optional.of("Too many failed registrations from this address: try again in "
                    + seconds(address) + " s");
        }
        Duration user = byAccount.banned(account, now);
        if (!user.isZero()) {
            return Optional.of("Too many failed registrations of this account: try again in " + seconds(user) + " s");
        }
        return Optional.empty();
    }

    void failed(Flow from, String account, Instant now) {
        if (!trusted.contains(from.host())) {
            Duration ban = byAddress.failed(from.host(), now);
            if (!ban.isZero()) {
                log.warn("SIP address {} banned for {} s after failed registrations", from.host(), seconds(ban));
            }
        }
        Duration ban = byAccount.failed(account, now);
        if (!ban.isZero()) {
            log.warn("SIP account {} banned for {} s after failed registrations", account, seconds(ban));
        }
    }

    void succeeded(String account) {
        byAccount.succeeded(account);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
