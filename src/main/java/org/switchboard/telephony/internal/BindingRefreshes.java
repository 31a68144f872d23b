package org.switchboard.telephony.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.switchboard.telephony.internal.Bindings.Binding;

/**
 * Refreshes of registrations that change nothing but their expiry (the same contact over the same
 * flow), written with group commit: one writer thread takes what has queued up and extends them all
 * in one statement. A new or changed binding is written by the registrar itself before it answers;
 * a refresh only makes a binding live longer, so when one is lost (the node stops before its batch)
 * the binding keeps its earlier expiry, which the registrar only leaves to a batch while it is more
 * than {@link #MIN_LEFT_SECONDS} away. A refresh never brings back a binding removed meanwhile, and
 * never undoes a later write (it updates only rows refreshed before it).
 */
@Component
class BindingRefreshes extends GroupCommit<Binding> {

    private static final Logger log = LoggerFactory.getLogger(BindingRefreshes.class);
    /** A binding closer than this to its expiry is refreshed at once, not in a batch. */
    static final long MIN_LEFT_SECONDS = 30;
    private static final int MAX_BATCH = 2_000;
    /** Nobody waits for a refresh: they are written at most every this often. */
    static final Duration LINGER = Duration.ofMillis(50);

    private final JdbcTemplate jdbc;
    private final BindingCache cache;

    BindingRefreshes(JdbcTemplate jdbc, BindingCache cache) {
        super("sip-binding-refresh", MAX_BATCH, LINGER);
        this.jdbc = jdbc;
        this.cache = cache;
    }

    @Override
    void failed(List<Binding> batch, RuntimeException e) {
        log.warn("{} registration refreshes not written; those bindings keep their earlier expiry: {}",
                batch.size(), e.toString());
        // this node's copies of those bindings took the lost expiries: read them again
        batch.stream().map(Binding::instanceId).distinct().forEach(cache::changed);
    }

    @Override
    void write(List<Binding> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<List<Object>, Binding> last = new LinkedHashMap<>();
        for (Binding b : batch) {
            last.put(List.of(b.deviceId(), b.contact()), b);
        }
        int n = last.size();
        UUID[] device = new UUID[n];
        String[] contact = new String[n];
        String[] callId = new String[n];
        Long[] cseq = new Long[n];
        String[] refreshed = new String[n];
        String[] expires = new String[n];
        int i = 0;
        for (Binding b : last.values()) {
            device[i] = b.deviceId();
            contact[i] = b.contact();
            callId[i] = b.callId();
            cseq[i] = b.cseq();
            refreshed[i] = text(b.refreshedAt());
            expires[i] = text(b.expiresAt());
            i++;
        }
        jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    update sip_bindings b set call_id = x.call_id, cseq = x.cseq,
                        refreshed_at = x.refreshed::timestamptz, expires_at = x.expires::timestamptz
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::text[])
                        as x(device, contact, call_id, cseq, refreshed, expires)
                    where b.device_id = x.device and b.contact = x.contact
                      and b.refreshed_at <= x.refreshed::timestamptz""")) {
                ps.setArray(1, con.createArrayOf("uuid", device));
                ps.setArray(2, con.createArrayOf("text", contact));
                ps.setArray(3, con.createArrayOf("text", callId));
                ps.setArray(4, con.createArrayOf("int8", cseq));
                ps.setArray(5, con.createArrayOf("text", refreshed));
                ps.setArray(6, con.createArrayOf("text", expires));
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
