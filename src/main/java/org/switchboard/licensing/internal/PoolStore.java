package org.switchboard.licensing.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.Reason;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.HeldRef;
import org.switchboard.licensing.Holder;
import org.switchboard.licensing.LicencePool;
import org.switchboard.licensing.SubjectKind;

/** The licence pools in PostgreSQL: the per-instance row that arbitrates, and the state behind it. */
@Repository
public class PoolStore {

    /** The locked row of a pool. */
    public record PoolRow(UUID instanceId, UUID customerId, String country, int licensed, long version,
            int occupied) {

        /** This row as it is at another version (the pool's row after the batch that wrote it). */
        public PoolRow at(long newVersion) {
            return new PoolRow(instanceId, customerId, country, licensed, newVersion, occupied);
        }
    }

    /** A pool changed in a transaction, to be written with its new version. */
    public record Written(PoolRow row, LicencePool pool, LicencePool.Changes changes) {
    }

    private static final String POOL_COLUMNS = "instance_id, customer_id, country, licensed, version, occupied";

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final PoolChangeWriter changeWriter;

    PoolStore(JdbcTemplate jdbc, JdbcClient client, PoolChangeWriter changeWriter) {
        this.jdbc = jdbc;
        this.client = client;
        this.changeWriter = changeWriter;
    }

    // ---- pool rows --------------------------------------------------------------------------------

    /**
     * The licence writer's batch statements (this lock and {@link PoolChangeWriter}'s write) are
     * planned once per connection and reach pools and holders through their primary keys, whatever
     * the tables' statistics say. Left to choose, PostgreSQL planned the write anew for every batch
     * (a custom plan for the arrays' lengths: about a third of the statement's time), switched the
     * lock between custom and generic plans by cost estimates, and, on tables that were small when
     * planned, hashed a full scan of licence_pools (and of licence_holders) into batches
     * (docs/benchmarks.md). With sequential scans off, the only plan for these lookups is the key's
     * index; the inserts are untouched (their conflicts are found by the keys' indexes in any case).
     * Both settings last until the transaction ends.
     */
    static final String LOCK = "select " + POOL_COLUMNS
            + " from licence_pools where instance_id = any(?) order by instance_id for update";

    static final String ONE_PLAN = "select set_config('plan_cache_mode', 'force_generic_plan', true),"
            + " set_config('enable_seqscan', 'off', true)";

    /** The plan settings and the lock, sent in one round trip (the lock planned under the settings). */
    static final String PLAN_AND_LOCK = ONE_PLAN + ";" + LOCK; // no blank after the ";": the lock is prepared as its own text

    /**
     * Locks the rows of these pools, in id order so that concurrent batches never deadlock, and sets
     * the rest of the batch's transaction to plan once ({@link #ONE_PLAN}): both in one round trip,
     * the settings first, so that the lock is planned under them too.
     */
    public Map<UUID, PoolRow> lock(Collection<UUID> instanceIds) {
        UUID[] ids = instanceIds.stream().sorted().toArray(UUID[]::new);
        Map<UUID, PoolRow> rows = new HashMap<>();
        jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement(PLAN_AND_LOCK)) {
                ps.setArray(1, con.createArrayOf("uuid", ids));
                ps.execute(); // the settings' row
                ps.getMoreResults();
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        PoolRow row = row(rs);
                        rows.put(row.instanceId(), row);
                    }
                }
            }
            return null;
        });
        return rows;
    }

    /**
     * Writes a batch applied to cached pools, checking that each pool is still at its cached
     * version and locking its row to the commit ({@link PoolChangeWriter#writeIfUnchanged}); false
     * if one was not, and the transaction must then be rolled back.
     */
    public boolean writeIfUnchanged(List<Written> pools) {
        return changeWriter.writeIfUnchanged(pools);
    }

    public Optional<PoolRow> lockOne(UUID instanceId) {
        return client.sql("select " + POOL_COLUMNS + " from licence_pools where instance_id = ? for update")
                .param(instanceId).query((rs, n) -> row(rs)).optional();
    }

    static final String STALE_POOLS = """
            select instance_id from licence_refs
              where state = 'HELD' and reason = 'DESKTOP_SESSION' and last_seen <= ?
            union
            select instance_id from licence_refs
              where state = 'HELD' and reason = 'OUTBOUND_CALL' and since <= ?
            limit ?""";

    /**
     * Pools with a held ref that may be stale by what is stored (a desktop session's heartbeat is
     * stored every 30 s): candidates, which the reclaim itself checks against the pool as it is.
     */
    public List<UUID> poolsToReclaim(Instant desktopSilentSince, Instant callStartedBefore, int limit) {
        // Two range reads, each of its own partial index (V126), not a walk over every held ref.
        return client.sql(STALE_POOLS).params(utc(desktopSilentSince), utc(callStartedBefore), limit)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** Licensed and occupied of every pool, for the metrics. */
    public Map<UUID, int[]> figures() {
        Map<UUID, int[]> figures = new HashMap<>();
        client.sql("select instance_id, licensed, occupied from licence_pools").query(rs -> {
            figures.put(rs.getObject(1, UUID.class), new int[] { rs.getInt(2), rs.getInt(3) });
        });
        return figures;
    }

    public Optional<PoolRow> find(UUID instanceId) {
        return client.sql("select " + POOL_COLUMNS + " from licence_pools where instance_id = ?")
                .param(instanceId).query((rs, n) -> row(rs)).optional();
    }

    /**
     * Creates the pool of an instance if it has none yet; fills in the country where it was not
     * known. The count is marked as oldest, so that any event of the instance overrides it.
     */
    public void ensure(UUID instanceId, UUID customerId, String country, int licensed, Instant at) {
        client.sql("insert into licence_pools (instance_id, customer_id, country, licensed, licensed_at)"
                + " values (?, ?, ?, ?, ?) on conflict (instance_id) do update set country = excluded.country"
                + " where licence_pools.country is null and excluded.country is not null")
                .params(instanceId, customerId, country, licensed, utc(Instant.EPOCH)).update();
    }

    /**
     * The licensed count from an instance's event. An event older than the count in force (events
     * may arrive out of order) changes nothing. Raises the version so that every node reloads.
     */
    public void setLicensed(UUID instanceId, UUID customerId, int licensed, Instant at) {
        client.sql("insert into licence_pools (instance_id, customer_id, licensed, licensed_at) values (?, ?, ?, ?)"
                + " on conflict (instance_id) do update set licensed = excluded.licensed,"
                + " licensed_at = excluded.licensed_at, version = licence_pools.version + 1"
                + " where licence_pools.licensed_at <= excluded.licensed_at")
                .params(instanceId, customerId, licensed, utc(at)).update();
    }

    public void raiseVersion(UUID instanceId) {
        client.sql("update licence_pools set version = version + 1 where instance_id = ?").param(instanceId).update();
    }

    // ---- loading ----------------------------------------------------------------------------------

    /**
     * The pool as stored: its subjects, its held refs and its holders. Ended and refused refs stay
     * in storage (for {@link org.switchboard.licensing.LicencePolicy#REF_MEMORY}); the licence
     * writer reads back those an event names ({@link RecalledRefs}).
     */
    public LicencePool load(PoolRow row) {
        Map<String, SubjectKind> subjects = new HashMap<>();
        client.sql("select extension, kind from licence_subjects where instance_id = ?").param(row.instanceId())
                .query((ResultSet rs) -> {
                    subjects.put(rs.getString(1), SubjectKind.valueOf(rs.getString(2)));
                });
        List<HeldRef> refs = client.sql("select reason, ref, subject, state, emergency, since, last_seen, device_id,"
                + " device_name from licence_refs where instance_id = ? and state = 'HELD'").param(row.instanceId())
                .query((rs, n) -> new HeldRef(Reason.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        HeldRef.State.valueOf(rs.getString(4)), rs.getBoolean(5), instant(rs, 6), instant(rs, 7),
                        device(rs, 8)))
                .list();
        List<Holder> holders = client.sql("select subject, since, over_limit from licence_holders where instance_id = ?")
                .param(row.instanceId())
                .query((rs, n) -> new Holder(rs.getString(1), java.util.Set.of(), instant(rs, 2), rs.getBoolean(3)))
                .list();
        return LicencePool.restore(new InstanceId(row.instanceId()), row.licensed(), row.country(), subjects, refs,
                holders);
    }

    /** Ended and refused refs deleted per statement by {@link #forgetRefs}. */
    static final int FORGET_CHUNK = 10_000;

    /**
     * Deletes the ended and refused refs of every pool last seen before {@code before} (V113's
     * index), in statements of at most {@link #FORGET_CHUNK} rows each; returns how many.
     */
    public int forgetRefs(Instant before) {
        int total = 0;
        for (int round = 0; round < 1000; round++) {
            int n = client.sql("delete from licence_refs where ctid = any(array(select ctid from licence_refs"
                    + " where state <> 'HELD' and last_seen < ? limit ?))")
                    .params(utc(before), FORGET_CHUNK).update();
            total += n;
            if (n < FORGET_CHUNK) {
                break;
            }
        }
        return total;
    }

    // ---- writing ----------------------------------------------------------------------------------

    /**
     * Writes what changed in these pools, each with its version raised by one (see
     * {@link PoolChangeWriter}: one statement for the whole batch).
     */
    public void write(List<Written> written) {
        changeWriter.write(written);
    }

    private static PoolRow row(ResultSet rs) throws SQLException {
        return new PoolRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4),
                rs.getLong(5), rs.getInt(6));
    }

    /** The device stored in these two columns (id, name), if any. */
    static LicenceDevice device(ResultSet rs, int idColumn) throws SQLException {
        String id = rs.getString(idColumn);
        String name = rs.getString(idColumn + 1);
        return id == null || name == null ? null : new LicenceDevice(id, name);
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
