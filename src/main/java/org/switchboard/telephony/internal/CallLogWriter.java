package org.switchboard.telephony.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.instances.InstanceId;
import org.switchboard.telephony.internal.CallLog.CallRow;

/**
 * The call log's writes from the SIP core with group commit: a call's start, answer and end are
 * queued, and one writer thread takes what has queued up (up to a batch), writes it in at most
 * three statements (arrays bound as columns) and commits once. A call that starts and ends within
 * one batch is one row inserted whole; a call answered and ended within one batch is one row
 * update. Starts and answers stay queued up to {@link #LINGER} even past the commits of other
 * calls' ends ({@link GroupCommit#mayStay}), so that a call shorter than that is one row insert
 * and nothing else. The end of a call and its pending call record stay one row
 * write (see {@link CallLog}); the end's future completes after the commit, with whether this write
 * ended the call, so its licence is given back only once the end is durable.
 * <p>
 * The queue is bounded: when it is full the SIP worker waits (the work queue in front sheds new
 * calls with 503 long before that). Starts and answers wait up to {@link #LINGER} for an end to
 * share a commit with; an end is written at once with what has queued up, other calls' starts and
 * answers younger than the linger staying queued for a later commit.
 * <p>
 * A call without a record for billing ({@link CallRecordHandover#forBilling}: no public number
 * called) is marked recorded in the same write as its end, so the handover has nothing to do for
 * it.
 * <p>
 * Why this class is large: the three array-bound statements must agree on one layout of a
 * call's row and on when an end counts as written; apart, each would have to know the others'
 * rules. The queue and its writer thread are {@link GroupCommit}'s.
 */
@Component
class CallLogWriter extends GroupCommit<CallLogWriter.Op> {

    private static final Logger log = LoggerFactory.getLogger(CallLogWriter.class);
    private static final int MAX_BATCH = 1_000;
    /** Starts and answers (nobody waits for them) wait this long at most for an end to commit with. */
    static final Duration LINGER = Duration.ofMillis(20);

    sealed interface Op permits Start, Answer, End {
        InstanceId instance();

        String callId();
    }

    private record Start(CallRow row) implements Op {
        @Override
        public InstanceId instance() {
            return row.instanceId();
        }

        @Override
        public String callId() {
            return row.callId();
        }
    }

    private record Answer(InstanceId instance, String callId, Instant at) implements Op {
    }

    private record End(InstanceId instance, String callId, Instant at, String reason,
            CompletableFuture<Boolean> done) implements Op {
    }

    private record Key(UUID instance, String callId) {
        static Key of(Op op) {
            return new Key(op.instance().value(), op.callId());
        }
    }

    /** A call started in this batch, with what else happened to it in the same batch. */
    private static final class NewRow {
        final CallRow row;
        final List<Op> later = new ArrayList<>();
        Instant answeredAt;
        Instant endedAt;
        String reason;
        End endedBy;

        NewRow(CallRow row) {
            this.row = row;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    @Autowired
    CallLogWriter(JdbcTemplate jdbc, TransactionTemplate tx) {
        this(jdbc, tx, LINGER);
    }

    CallLogWriter(JdbcTemplate jdbc, TransactionTemplate tx, Duration linger) {
        super("sip-call-log", MAX_BATCH, linger);
        this.jdbc = jdbc;
        this.tx = tx;
    }

    void started(CallRow row) {
        enqueue(new Start(row));
    }

    void answered(InstanceId instance, String callId, Instant at) {
        enqueue(new Answer(instance, callId, at));
    }

    /** Ends a live call; completes with false when it had ended already, exceptionally when it could not be written. */
    CompletableFuture<Boolean> ended(InstanceId instance, String callId, Instant at, String reason) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        enqueue(new End(instance, callId, at, reason, done));
        return done;
    }

    private void enqueue(Op op) {
        if (!isRunning()) {
            write(List.of(op)); // before start or after stop: written at once
            return;
        }
        try {
            super.put(op);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a call log write", e);
        }
    }

    /** A call's end is waited for (its licence, the 200 to its BYE); its start and answer are not. */
    @Override
    boolean waitedFor(Op op) {
        return op instanceof End;
    }

    /**
     * A start or an answer, written only when a linger old (or when the call's end comes): a call
     * shorter than the linger is one row inserted whole, its answer and end with it.
     */
    @Override
    boolean mayStay(Op op) {
        return !(op instanceof End);
    }

    @Override
    Object key(Op op) {
        return Key.of(op);
    }

    @Override
    void failed(List<Op> batch, RuntimeException e) {
        log.error("call log batch failed", e);
    }

    /** Writes a batch in one transaction, tried three times; its ends' futures complete after the commit. */
    @Override
    void write(List<Op> batch) {
        RuntimeException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Map<End, Boolean> ended = tx.execute(status -> apply(batch));
                ended.forEach((end, value) -> end.done().complete(value));
                return;
            } catch (RuntimeException e) {
                failure = e;
                log.warn("call log batch of {} writes failed (attempt {}): {}", batch.size(), attempt + 1, e.toString());
                try {
                    Thread.sleep(200L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (Op op : batch) {
            if (op instanceof End end) {
                end.done().completeExceptionally(failure);
            }
        }
    }

    private Map<End, Boolean> apply(List<Op> batch) {
        Map<Key, NewRow> fresh = new LinkedHashMap<>();
        List<Op> updates = new ArrayList<>();
        for (Op op : batch) {
            Key key = Key.of(op);
            NewRow row = fresh.get(key);
            if (op instanceof Start s) {
                if (row == null) {
                    fresh.put(key, new NewRow(s.row()));
                }
                continue;
            }
            if (row == null) {
                updates.add(op);
            } else {
                row.later.add(op);
                if (op instanceof Answer a && row.answeredAt == null) {
                    row.answeredAt = a.at();
                } else if (op instanceof End e && row.endedAt == null) {
                    row.endedAt = e.at();
                    row.reason = e.reason();
                    row.endedBy = e;
                }
            }
        }
        Map<End, Boolean> result = new LinkedHashMap<>();
        Set<Key> inserted = insert(fresh.values());
        List<Op> ordered = new ArrayList<>();
        for (Map.Entry<Key, NewRow> e : fresh.entrySet()) {
            if (inserted.contains(e.getKey())) {
                for (Op op : e.getValue().later) {
                    if (op instanceof End end) {
                        result.put(end, end == e.getValue().endedBy);
                    }
                }
            } else {
                ordered.addAll(e.getValue().later); // the call was there already: its answer and end as updates
            }
        }
        ordered.addAll(updates);
        Map<Key, Answer> answers = new LinkedHashMap<>();
        List<End> ends = new ArrayList<>();
        for (Op op : ordered) {
            if (op instanceof Answer a) {
                answers.putIfAbsent(Key.of(a), a);
            } else if (op instanceof End end) {
                ends.add(end);
            }
        }
        // a call answered and ended in this batch: its answer goes with its end, one row update
        Map<Key, Instant> answeredWithEnd = new LinkedHashMap<>();
        for (End end : ends) {
            Answer a = answers.remove(Key.of(end));
            if (a != null) {
                answeredWithEnd.put(Key.of(end), a.at());
            }
        }
        answer(new ArrayList<>(answers.values()));
        Set<Key> endedNow = end(ends, answeredWithEnd);
        for (End end : ends) {
            result.put(end, endedNow.remove(Key.of(end))); // the first end of a call ended it, later ones did not
        }
        return result;
    }

    private Set<Key> insert(java.util.Collection<NewRow> rows) {
        Set<Key> inserted = new HashSet<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        int n = rows.size();
        UUID[] instance = new UUID[n];
        String[] callId = new String[n];
        UUID[] customer = new UUID[n];
        String[] subject = new String[n];
        String[] from = new String[n];
        String[] to = new String[n];
        String[] direction = new String[n];
        String[] trunk = new String[n];
        Boolean[] licence = new Boolean[n];
        String[] started = new String[n];
        String[] answered = new String[n];
        String[] ended = new String[n];
        String[] reason = new String[n];
        int i = 0;
        for (NewRow r : rows) {
            CallRow c = r.row;
            instance[i] = c.instanceId().value();
            callId[i] = c.callId();
            customer[i] = c.customerId();
            subject[i] = c.subject();
            from[i] = c.from();
            to[i] = c.to();
            direction[i] = c.direction().name();
            trunk[i] = c.trunk();
            licence[i] = c.licenceHeld();
            started[i] = text(c.startedAt());
            answered[i] = text(r.answeredAt);
            ended[i] = text(r.endedAt);
            reason[i] = r.reason;
            i++;
        }
        return jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    insert into sip_calls (instance_id, call_id, customer_id, subject, from_number, to_number, direction,
                        trunk, licence_held, started_at, answered_at, ended_at, end_reason, recorded_at)
                    select i, c, cu, s, f, t, d, tr, l, st::timestamptz, an::timestamptz, en::timestamptz, r,
                        case when d <> 'OUTBOUND' and t not like '+%' then en::timestamptz end
                    from unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::bool[], ?::text[], ?::text[], ?::text[], ?::text[])
                        as x(i, c, cu, s, f, t, d, tr, l, st, an, en, r)
                    on conflict do nothing
                    returning instance_id, call_id""")) {
                bind(con, ps, 1, "uuid", instance);
                bind(con, ps, 2, "text", callId);
                bind(con, ps, 3, "uuid", customer);
                bind(con, ps, 4, "text", subject);
                bind(con, ps, 5, "text", from);
                bind(con, ps, 6, "text", to);
                bind(con, ps, 7, "text", direction);
                bind(con, ps, 8, "text", trunk);
                bind(con, ps, 9, "bool", licence);
                bind(con, ps, 10, "text", started);
                bind(con, ps, 11, "text", answered);
                bind(con, ps, 12, "text", ended);
                bind(con, ps, 13, "text", reason);
                keys(ps, inserted);
            }
            return inserted;
        });
    }

    private void answer(List<Answer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        UUID[] instance = answers.stream().map(a -> a.instance().value()).toArray(UUID[]::new);
        String[] callId = answers.stream().map(Answer::callId).toArray(String[]::new);
        String[] at = answers.stream().map(a -> text(a.at())).toArray(String[]::new);
        jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    update sip_calls c set answered_at = x.at::timestamptz
                    from unnest(?::uuid[], ?::text[], ?::text[]) as x(i, call_id, at)
                    where c.instance_id = x.i and c.call_id = x.call_id and c.answered_at is null""")) {
                bind(con, ps, 1, "uuid", instance);
                bind(con, ps, 2, "text", callId);
                bind(con, ps, 3, "text", at);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Ends the calls not ended yet, with the answer of those answered in the same batch; answers
     * which this statement ended.
     */
    private Set<Key> end(List<End> ends, Map<Key, Instant> answeredWithEnd) {
        Set<Key> ended = new HashSet<>();
        if (ends.isEmpty()) {
            return ended;
        }
        UUID[] instance = ends.stream().map(e -> e.instance().value()).toArray(UUID[]::new);
        String[] callId = ends.stream().map(End::callId).toArray(String[]::new);
        String[] at = ends.stream().map(e -> text(e.at())).toArray(String[]::new);
        String[] reason = ends.stream().map(End::reason).toArray(String[]::new);
        String[] answered = ends.stream().map(e -> text(answeredWithEnd.get(Key.of(e)))).toArray(String[]::new);
        return jdbc.execute((Connection con) -> {
            // with ordinality: a call ended twice in the batch takes its first end (the answer goes with each)
            try (PreparedStatement ps = con.prepareStatement("""
                    update sip_calls c set ended_at = x.at::timestamptz, end_reason = x.reason,
                        answered_at = coalesce(c.answered_at, x.answered::timestamptz),
                        recorded_at = case when c.direction <> 'OUTBOUND' and c.to_number not like '+%'
                            then x.at::timestamptz end
                    from (select distinct on (i, call_id) i, call_id, at, reason, answered
                          from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                            as u(i, call_id, at, reason, answered, n)
                          order by i, call_id, n) x
                    where c.instance_id = x.i and c.call_id = x.call_id and c.ended_at is null
                    returning c.instance_id, c.call_id""")) {
                bind(con, ps, 1, "uuid", instance);
                bind(con, ps, 2, "text", callId);
                bind(con, ps, 3, "text", at);
                bind(con, ps, 4, "text", reason);
                bind(con, ps, 5, "text", answered);
                keys(ps, ended);
            }
            return ended;
        });
    }

    private static void bind(Connection con, PreparedStatement ps, int index, String type, Object[] values)
            throws SQLException {
        Array array = con.createArrayOf(type, values);
        ps.setArray(index, array);
    }

    private static void keys(PreparedStatement ps, Set<Key> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new Key(rs.getObject(1, UUID.class), rs.getString(2)));
            }
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
