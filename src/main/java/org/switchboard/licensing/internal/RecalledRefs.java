package org.switchboard.licensing.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.switchboard.connector.Decision;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.Reason;
import org.switchboard.licensing.HeldRef;
import org.switchboard.licensing.LicencePolicy;
import org.switchboard.licensing.LicencePool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The licence writer's pools keep ended and refused refs in memory only for
 * {@code switchboard.licensing.refs-in-memory} ({@link LicencePool#letGo}); storage keeps them for
 * {@link LicencePolicy#REF_MEMORY}. Before a batch's events are applied, this reads back the
 * stored ones its starts and ends name and their pools do not know ({@link LicencePool#mayRepeat}),
 * for all pools of the batch in one statement ({@link #recall}), so that a repeated event
 * is answered as the first time. A batch whose events name only refs their pools know, or only
 * heartbeats, makes no statement; nor does a batch on cached pools for its new calls, whose refs
 * its write inserts only where no row of them is stored ({@link PoolChangeWriter#writeIfUnchanged}).
 */
@Component
class RecalledRefs {

    /** The work of an event in the writer's queue: it names the event, whose ref may need reading back. */
    record ApplyEvent(LicenceEvent event) implements Function<LicencePool, Decision> {
        @Override
        public Decision apply(LicencePool pool) {
            return pool.apply(event);
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration inMemory;
    private final Timer lookups;
    private final Counter recalled;

    RecalledRefs(JdbcTemplate jdbc, Clock clock, MeterRegistry registry,
            @Value("${switchboard.licensing.refs-in-memory:15m}") Duration inMemory) {
        if (inMemory.isNegative() || inMemory.isZero()) {
            throw new IllegalArgumentException("switchboard.licensing.refs-in-memory must be positive, not " + inMemory);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.inMemory = inMemory;
        this.lookups = Timer.builder("licence.refs.lookups")
                .description("Look-ups of stored refs that a batch's events named and its pools did not know")
                .register(registry);
        this.recalled = Counter.builder("licence.refs.recalled")
                .description("Ended and refused refs read back from storage for a repeated event").register(registry);
    }

    /**
     * Readies the pools of a batch for their work (by pool, in order; {@code workOf} gives each
     * task's work): each lets go of the refs it kept long enough, then the refs that events name
     * and their pools do not know are read back, all in one statement. With {@code newCallsChecked}
     * (the batch's write checks that a new call's ref is not stored), calls' starts are not looked
     * up. Returns the pools.
     */
    <T> Map<UUID, LicencePool> ready(Map<UUID, LicencePool> pools, Map<UUID, List<T>> byPool,
            Function<T, ?> workOf, boolean newCallsChecked) {
        Instant now = clock.instant();
        Set<RefKey> unknown = new LinkedHashSet<>();
        pools.forEach((instance, pool) -> {
            pool.letGo(now, inMemory);
            for (T task : byPool.getOrDefault(instance, List.of())) {
                if (workOf.apply(task) instanceof ApplyEvent a && pool.mayRepeat(a.event(), newCallsChecked)) {
                    unknown.add(new RefKey(instance, a.event().type().reason(), a.event().ref()));
                }
            }
        });
        if (!unknown.isEmpty()) {
            long started = System.nanoTime();
            Map<UUID, List<HeldRef>> found = recall(unknown, now.minus(LicencePolicy.REF_MEMORY));
            lookups.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            found.forEach((instance, refs) -> {
                pools.get(instance).recall(refs);
                recalled.increment(refs.size());
            });
        }
        return pools;
    }

    /** A ref as the table's key names it. */
    record RefKey(UUID instanceId, Reason reason, String ref) {
    }

    /**
     * The stored refs among these: one statement however many, each found through the table's key.
     * Nothing but the key in the condition: with {@code last_seen} or {@code state} in it, the
     * generic plan read the day's ended refs by the index {@code licence_refs_forget} and hashed
     * them against the keys (test {@code RememberedRefsIntegrationTest}); at most one row per key
     * comes back, so the rest is sorted out by {@link #recall}.
     */
    static final String RECALL = """
            select r.instance_id, r.reason, r.ref, r.subject, r.state, r.emergency, r.since, r.last_seen,
              r.device_id, r.device_name
            from unnest(?::uuid[], ?::text[], ?::text[]) as t(i, reason, ref)
            join licence_refs r on r.instance_id = t.i and r.reason = t.reason and r.ref = t.ref""";

    /**
     * The stored ended and refused refs among {@code keys} (last seen at or after {@code since}),
     * by pool, in one statement (in the writer's transaction).
     */
    Map<UUID, List<HeldRef>> recall(Collection<RefKey> keys, Instant since) {
        UUID[] instances = new UUID[keys.size()];
        String[] reasons = new String[keys.size()];
        String[] refs = new String[keys.size()];
        int n = 0;
        for (RefKey k : keys) {
            instances[n] = k.instanceId();
            reasons[n] = k.reason().name();
            refs[n++] = k.ref();
        }
        Map<UUID, List<HeldRef>> found = new HashMap<>();
        jdbc.query((Connection con) -> {
            PreparedStatement ps = con.prepareStatement(RECALL);
            ps.setArray(1, con.createArrayOf("uuid", instances));
            ps.setArray(2, con.createArrayOf("text", reasons));
            ps.setArray(3, con.createArrayOf("text", refs));
            return ps;
        }, (ResultSet rs) -> {
            HeldRef ref = new HeldRef(Reason.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                    HeldRef.State.valueOf(rs.getString(5)), rs.getBoolean(6), PoolStore.instant(rs, 7),
                    PoolStore.instant(rs, 8), PoolStore.device(rs, 9));
            if (ref.state() != HeldRef.State.HELD && !ref.lastSeen().isBefore(since)) {
                found.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(ref);
            }
        });
        return found;
    }
}
