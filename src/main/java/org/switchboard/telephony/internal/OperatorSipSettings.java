package org.switchboard.telephony.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.connector.ServiceRanges;
import org.springframework.stereotype.Component;
import org.switchboard.platform.SecretBox;
import org.switchboard.telephony.SipSettings;

/**
 * The carrier trunk and the toll-fraud guards in force: the operator's row in
 * {@code sip_operator_settings} (set on the operator's page) over the configuration the platform was
 * started with ({@code switchboard.sip.carrier.*}, {@code switchboard.sip.fraud.*}). The core reads
 * them on every call from a snapshot taken at most {@value #RELOAD_SECONDS} s ago, so another node's
 * change holds here within that time; this node's own change holds at once. The carrier's password
 * is stored sealed ({@link SecretBox}).
 */
@Component
public class OperatorSipSettings {

    static final int RELOAD_SECONDS = 10;

    /** What the operator set, with when and by whom (null: nothing yet, the configuration holds). */
    public record Stored(SipSettings.Carrier carrier, List<String> allowedCountries, List<String> blockedPrefixes,
            int callsPerMinutePerDevice, int concurrentOutboundPerInstance, int dailyAirtimeMinutes, Instant updatedAt,
            String updatedBy, List<String> allowedPrefixes) {
    }

    private record Snapshot(SipSettings.Carrier carrier, SipSettings.Fraud fraud, Stored stored, Instant until) {
    }

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final SipSettings configured;
    private final Clock clock;
    private volatile Snapshot snapshot;

    OperatorSipSettings(JdbcClient jdbc, SecretBox secrets, SipSettings configured, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.configured = configured;
        this.clock = clock;
    }

    /** The carrier trunk in force. */
    public SipSettings.Carrier carrier() {
        return current().carrier();
    }

    /** The toll-fraud guards in force (registration throttling and scanners stay configuration). */
    public SipSettings.Fraud fraud() {
        return current().fraud();
    }

    /** What the operator set; empty while the configuration holds. */
    public Optional<Stored> stored() {
        return Optional.ofNullable(current().stored());
    }

    /** Replaces the operator's settings (checked by the caller); a null password keeps the stored one. */
    public void save(Stored s, String newPassword) {
        String sealed = newPassword != null ? secrets.seal(newPassword)
                : jdbc.sql("select carrier_sealed_password from sip_operator_settings where id = 1").query(String.class)
                        .optional().orElse(configured.carrier().password() == null ? null
                                : secrets.seal(configured.carrier().password()));
        SipSettings.Carrier c = s.carrier();
        jdbc.sql("""
                insert into sip_operator_settings (id, carrier_address, carrier_transport, carrier_username,
                  carrier_sealed_password, carrier_caller_id_header, allowed_countries, blocked_prefixes,
                  calls_per_minute_per_device, concurrent_outbound, daily_airtime_minutes, updated_at, updated_by)
                values (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set carrier_address = excluded.carrier_address,
                  carrier_transport = excluded.carrier_transport, carrier_username = excluded.carrier_username,
                  carrier_sealed_password = excluded.carrier_sealed_password,
                  carrier_caller_id_header = excluded.carrier_caller_id_header,
                  allowed_countries = excluded.allowed_countries, blocked_prefixes = excluded.blocked_prefixes,
                  calls_per_minute_per_device = excluded.calls_per_minute_per_device,
                  concurrent_outbound = excluded.concurrent_outbound,
                  daily_airtime_minutes = excluded.daily_airtime_minutes, updated_at = excluded.updated_at,
                  updated_by = excluded.updated_by""")
                .params(c.address(), c.transport(), c.username(), sealed, c.callerIdHeader(),
                        String.join(" ", s.allowedCountries()), String.join(" ", s.blockedPrefixes()),
                        s.callsPerMinutePerDevice(), s.concurrentOutboundPerInstance(), s.dailyAirtimeMinutes(),
                        Devices.utc(s.updatedAt()), s.updatedBy())
                .update();
        jdbc.sql("insert into sip_operator_allowed_ranges (id, allowed_prefixes) values (1, ?) on conflict (id) do update"
                + " set allowed_prefixes = excluded.allowed_prefixes").param(String.join(" ", s.allowedPrefixes())).update();
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || !now.isBefore(s.until())) {
            s = load(now);
            snapshot = s;
        }
        return s;
    }

    private Snapshot load(Instant now) {
        Stored stored = jdbc.sql("select s.*, a.allowed_prefixes from sip_operator_settings s"
                + " left join sip_operator_allowed_ranges a on a.id = s.id where s.id = 1").query((rs, n) -> new Stored(
                new SipSettings.Carrier(rs.getString("carrier_address"), rs.getString("carrier_transport"),
                        rs.getString("carrier_username"), rs.getString("carrier_sealed_password") == null ? null
                                : secrets.open(rs.getString("carrier_sealed_password")),
                        rs.getString("carrier_caller_id_header")),
                words(rs.getString("allowed_countries")), words(rs.getString("blocked_prefixes")),
                rs.getInt("calls_per_minute_per_device"), rs.getInt("concurrent_outbound"),
                rs.getInt("daily_airtime_minutes"), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"),
                rs.getString("allowed_prefixes") == null ? ServiceRanges.freephonePrefixes()
                        : words(rs.getString("allowed_prefixes"))))
                .optional().orElse(null);
        Instant until = now.plus(Duration.ofSeconds(RELOAD_SECONDS));
        if (stored == null) {
            return new Snapshot(configured.carrier(), configured.fraud(), null, until);
        }
        SipSettings.Fraud f = configured.fraud();
        SipSettings.Fraud fraud = new SipSettings.Fraud(stored.allowedCountries(), stored.blockedPrefixes(),
                stored.callsPerMinutePerDevice(), stored.concurrentOutboundPerInstance(), stored.dailyAirtimeMinutes(),
                f.airtimeZone(), f.registrationFailures(), f.firstBan(), f.longestBan(), f.blockedUserAgents(),
                f.trustedAddresses(), stored.allowedPrefixes());
        return new Snapshot(stored.carrier(), fraud, stored, until);
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.trim().split("\\s+")).toList();
    }
}
