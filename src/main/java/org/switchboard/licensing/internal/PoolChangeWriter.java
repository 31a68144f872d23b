package org.switchboard.licensing.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.switchboard.licensing.HeldRef;
import org.switchboard.licensing.Holder;
import org.switchboard.licensing.LicencePool;
import org.switchboard.licensing.LicenceRecord;
import org.switchboard.licensing.RecordAction;
import org.switchboard.licensing.internal.PoolStore.Written;

/**
 * Writes what changed in a batch of licence pools: refs, holders, history, hourly figures and the pool rows.
 *
 * <p>Why this class is large: the batch's statement is one text made of parts (each a
 * data-modifying CTE with its array columns), and the parts, their variants and the binding of
 * their columns must stay in one order; split, a part's SQL and the code filling its arrays would
 * drift apart.
 */
@Repository
class PoolChangeWriter {

    private final JdbcTemplate jdbc;

    PoolChangeWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes what changed in these pools, whose rows the transaction has locked, each with its
     * version raised by one: refs, holders, history, hourly figures and the pool rows go to the
     * database as arrays in one statement (one round trip however many events the batch holds); refs
     * older than the rule's day are deleted apart from the batches ({@link PoolStore#forgetRefs}).
     * The statement holds only the parts with rows (the calls of users who hold their licence
     * already, by a desktop session or another call, change no holder): an empty part would still
     * lock its table and indexes and set up its insert, about a tenth of a small batch's statement.
     * Its variants are fixed texts, each prepared once per connection.
     * In the licence writer's batches it runs with one plan per connection ({@link PoolStore#lock}).
     */
    public void write(List<Written> written) {
        if (written.isEmpty()) {
            return;
        }
        int updated = execute(written, false);
        if (updated != written.size()) {
            throw new IllegalStateException("A locked licence pool changed meanwhile: " + updated + " of "
                    + written.size() + " pools written");
        }
    }

    /**
     * Writes a batch applied to cached pools without locking them first: the statement sets the
     * transaction to plan once ({@link PoolStore#ONE_PLAN}, in the same round trip) and updates
     * every pool of the batch only where its version is still the cached one, which also takes the
     * pool's row lock until the transaction ends. Pools whose events changed nothing (or only
     * refused, deciding on that version) are checked and locked alike, their version left as it is.
     * The pools' rows are written first, in key order, before any other part of the statement.
     * The refs new to their pools ({@link LicencePool.Changes#newRefs}: new calls, which the batch
     * did not look up) are inserted as new rows only: should one be stored already (a call's start
     * repeated after its pool let go of it), the statement fails, and the batch must be done again
     * with the pools locked and the refs read back.
     *
     * @return false if a pool's version was not the cached one (another node or transaction changed
     *         it): then the transaction must be rolled back, as part of the batch may be written
     * @throws org.springframework.dao.DuplicateKeyException where a new ref is stored already
     */
    public boolean writeIfUnchanged(List<Written> pools) {
        return pools.isEmpty() || execute(pools, true) == pools.size();
    }

    /**
     * Runs the batch's statement; returns the number of pool rows updated. {@code unlocked}: the
     * batch was decided on cached pools (the plan settings go in front, an unchanged pool is
     * checked without raising its version, and new refs are inserted only as new rows).
     */
    private int execute(List<Written> written, boolean unlocked) {
        ArrayColumns refs = new ArrayColumns(11);
        ArrayColumns fresh = new ArrayColumns(11);
        ArrayColumns holders = new ArrayColumns(5);
        ArrayColumns freed = new ArrayColumns(2);
        ArrayColumns history = new ArrayColumns(14);
        ArrayColumns hours = new ArrayColumns(9);
        ArrayColumns pools = new ArrayColumns(4);
        List<Written> inKeyOrder = new ArrayList<>(written);
        inKeyOrder.sort((a, b) -> compareAsDatabase(a.row().instanceId(), b.row().instanceId()));
        for (Written w : inKeyOrder) {
            UUID instance = w.row().instanceId();
            UUID customer = w.row().customerId();
            LicencePool.Changes c = w.changes();
            for (HeldRef r : c.refs()) {
                ArrayColumns into = unlocked && c.newRefs().contains(r) ? fresh : refs;
                into.add(instance, customer, r.reason().name(), r.ref(), r.subject(), r.state().name(), r.emergency(),
                        text(r.since()), text(r.lastSeen()), r.device() == null ? null : r.device().id(),
                        r.device() == null ? null : r.device().name());
            }
            for (Holder h : c.holders()) {
                holders.add(instance, customer, h.subject(), text(h.since()), h.overLimit());
            }
            for (String subject : c.freedSubjects()) {
                freed.add(instance, subject);
            }
            for (LicenceRecord r : c.records()) {
                history.add(instance, customer, text(r.at()), r.subject(), r.reason().name(), r.ref(), r.action().name(),
                        r.emergency(), r.licenceChanged(), r.actor(), r.occupied(), r.licensed(),
                        r.device() == null ? null : r.device().id(), r.device() == null ? null : r.device().name());
            }
            hourRows(instance, customer, c.records(), hours);
            pools.add(instance, w.pool().occupied(), w.row().version(), unlocked && c.isEmpty() ? 0 : 1);
        }
        // only the parts with rows: an empty part still costs its tables' locks and executor set-up
        ArrayColumns[] columns = { refs, fresh, holders, freed, history, hours };
        int parts = 0;
        for (int p = 0; p < columns.length; p++) {
            if (!columns[p].isEmpty()) {
                parts |= 1 << p;
            }
        }
        String statement = unlocked ? PLANNED_VARIANTS[parts] : statement(parts);
        int present = parts;
        return jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement(statement)) {
                int i = 1;
                for (int p = 0; p < PARTS.length; p++) {
                    if ((present & 1 << p) != 0) {
                        i = columns[p].bind(con, ps, i, PARTS[p].types());
                    }
                }
                pools.bind(con, ps, i, "uuid", "int4", "int8", "int4");
                ps.execute();
                if (unlocked) {
                    ps.getMoreResults(); // past the settings' row to the write's count
                }
                return ps.getUpdateCount();
            }
        });
    }

    /** The order of PostgreSQL's uuid (its bytes, unsigned), in which every batch locks its pools. */
    static int compareAsDatabase(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** One part of the batch's statement: a data-modifying CTE, and the types of its array parameters. */
    private record Part(String sql, String... types) {
    }

    /** The refs' rows, as both the upsert of refs and the insert of new ones write them. */
    private static final String INSERT_REFS = """
            insert into licence_refs (instance_id, customer_id, reason, ref, subject, state, emergency, since,
              last_seen, device_id, device_name)
            select i, c, reason, ref, subject, state, emergency, since::timestamptz, last_seen::timestamptz,
              device_id, device_name
            from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[], ?::text[],
              ?::text[], ?::text[], ?::text[])
              as t(i, c, reason, ref, subject, state, emergency, since, last_seen, device_id, device_name)""";

    private static final String[] REF_TYPES = { "uuid", "uuid", "text", "text", "text", "text", "bool", "text", "text",
            "text", "text" };

    /** The parts in their order in the statement; bit {@code p} of a variant is {@code PARTS[p]}. */
    private static final Part[] PARTS = {
            new Part("refs as (" + INSERT_REFS + """

                      on conflict (instance_id, reason, ref) do update set subject = excluded.subject,
                        state = excluded.state, emergency = excluded.emergency, since = excluded.since,
                        last_seen = excluded.last_seen, device_id = excluded.device_id,
                        device_name = excluded.device_name)""", REF_TYPES),
            new Part("fresh as (" + INSERT_REFS + ")", REF_TYPES), // new refs: a stored one fails the statement
            new Part("""
                    holders as (
                      insert into licence_holders (instance_id, customer_id, subject, since, over_limit)
                      select i, c, subject, since::timestamptz, over_limit
                      from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::bool[]) as t(i, c, subject, since, over_limit)
                      on conflict (instance_id, subject) do update set since = excluded.since,
                        over_limit = excluded.over_limit)""",
                    "uuid", "uuid", "text", "text", "bool"),
            new Part("""
                    freed as (
                      delete from licence_holders h using unnest(?::uuid[], ?::text[]) as t(i, subject)
                      where h.instance_id = t.i and h.subject = t.subject)""",
                    "uuid", "text"),
            new Part("""
                    history as (
                      insert into licence_history (instance_id, customer_id, at, subject, reason, ref, action, emergency,
                        licence_changed, actor, occupied, licensed, device_id, device_name)
                      select i, c, at::timestamptz, subject, reason, ref, action, emergency, licence_changed, actor,
                        occupied, licensed, device_id, device_name
                      from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[],
                        ?::bool[], ?::text[], ?::int4[], ?::int4[], ?::text[], ?::text[])
                        as t(i, c, at, subject, reason, ref, action, emergency, licence_changed, actor, occupied, licensed,
                          device_id, device_name))""",
                    "uuid", "uuid", "text", "text", "text", "text", "text", "bool", "bool", "text", "int4", "int4",
                    "text", "text"),
            new Part("""
                    hours as (
                      insert into licence_hours (instance_id, customer_id, hour, peak, closing, licensed, admissions,
                        refusals, emergencies)
                      select i, c, hour::timestamptz, peak, closing, licensed, admissions, refusals, emergencies
                      from unnest(?::uuid[], ?::uuid[], ?::text[], ?::int4[], ?::int4[], ?::int4[], ?::int4[], ?::int4[],
                        ?::int4[]) as t(i, c, hour, peak, closing, licensed, admissions, refusals, emergencies)
                      on conflict (instance_id, hour) do update set peak = greatest(licence_hours.peak, excluded.peak),
                        closing = excluded.closing, licensed = excluded.licensed,
                        admissions = licence_hours.admissions + excluded.admissions,
                        refusals = licence_hours.refusals + excluded.refusals,
                        emergencies = licence_hours.emergencies + excluded.emergencies)""",
                    "uuid", "uuid", "text", "int4", "int4", "int4", "int4", "int4", "int4") };

    /**
     * The pools' rows, each only at the version its batch was decided on (under the row lock that
     * version is the row's; without it, the check of {@link #writeIfUnchanged}). As the statement's
     * main part it runs before the CTEs, which are run to completion after it.
     */
    private static final String POOLS = """
            update licence_pools p set occupied = t.occupied, version = p.version + t.raise
            from unnest(?::uuid[], ?::int4[], ?::int8[], ?::int4[]) as t(i, occupied, version, raise)
            where p.instance_id = t.i and p.version = t.version
            """;

    /** Every variant of the statement, built once: the same text each time, so each is prepared once per connection. */
    private static final String[] VARIANTS = new String[1 << PARTS.length];

    static {
        for (int v = 0; v < VARIANTS.length; v++) {
            List<String> with = new ArrayList<>();
            for (int p = 0; p < PARTS.length; p++) {
                if ((v & 1 << p) != 0) {
                    with.add(PARTS[p].sql());
                }
            }
            VARIANTS[v] = (with.isEmpty() ? "" : "with " + String.join(",\n", with) + "\n") + POOLS;
        }
    }

    /** The variants with the batch's plan settings in front, sent in the same round trip. */
    private static final String[] PLANNED_VARIANTS = new String[VARIANTS.length];

    static {
        for (int v = 0; v < VARIANTS.length; v++) {
            PLANNED_VARIANTS[v] = PoolStore.ONE_PLAN + ";" + VARIANTS[v]; // the write prepared as its own text
        }
    }

    /** All parts: the statement of a batch in which every kind of change has rows. */
    static final String WRITE = statement(VARIANTS.length - 1);

    /**
     * The statement of a batch whose changes have rows in these parts (bit {@code p} for
     * {@code PARTS[p]}: refs, new refs, holders, freed holders, history, hours); the pool rows are
     * always written.
     */
    static String statement(int parts) {
        return VARIANTS[parts];
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** One row per hour touched: the peak includes the occupancy just before the hour's first record. */
    private static void hourRows(UUID instance, UUID customer, List<LicenceRecord> records, ArrayColumns out) {
        Map<Instant, int[]> byHour = new LinkedHashMap<>(); // peak, closing, licensed, admissions, refusals, emergencies
        for (LicenceRecord r : records) {
            Instant hour = r.at().truncatedTo(ChronoUnit.HOURS);
            int[] h = byHour.get(hour);
            if (h == null) {
                int before = !r.licenceChanged() ? r.occupied()
                        : r.action() == RecordAction.ADMITTED ? r.occupied() - 1 : r.occupied() + 1;
                h = new int[] { before, 0, 0, 0, 0, 0 };
                byHour.put(hour, h);
            }
            h[0] = Math.max(h[0], r.occupied());
            h[1] = r.occupied();
            h[2] = r.licensed();
            if (r.action() == RecordAction.ADMITTED) {
                h[3]++;
            } else if (r.action() == RecordAction.REFUSED) {
                h[4]++;
            }
            if (r.emergency() && r.action() == RecordAction.ADMITTED) {
                h[5]++;
            }
        }
        byHour.forEach((hour, h) -> out.add(instance, customer, text(hour), h[0], h[1], h[2], h[3], h[4], h[5]));
    }
}
