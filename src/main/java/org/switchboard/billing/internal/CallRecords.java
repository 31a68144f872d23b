package org.switchboard.billing.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.AirtimePolicy.RatedCall;
import org.switchboard.billing.AirtimeSummary;
import org.switchboard.connector.CallRecord;
import org.switchboard.instances.InstanceId;

/** Call records with what rating decided, unique per instance and call id. */
@Repository
public class CallRecords {

    /** A stored call as pages, appendices and exports show it. */
    public record StoredCall(UUID instanceId, UUID customerId, String callId, String subject, String from, String to,
            Instant start, Instant answer, Instant end, String direction, String trunk, String outcome, String zone,
            int billedSeconds, BigDecimal charge, String reason) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    CallRecords(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Stores the calls not stored before; answers how many were new. */
    public int insert(InstanceId instance, CustomerId customer, List<RatedCall> calls, Instant receivedAt) {
        int[][] counts = template.batchUpdate("""
                insert into billing_calls (instance_id, call_id, customer_id, subject, from_number, to_number, started_at,
                  answered_at, ended_at, direction, trunk, outcome, zone, billed_seconds, charge, reason, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (instance_id, call_id) do nothing""", calls, 1000, (PreparedStatement ps, RatedCall r) -> {
            CallRecord c = r.call();
            ps.setObject(1, instance.value());
            ps.setString(2, c.callId());
            ps.setObject(3, customer.value());
            ps.setString(4, c.subject());
            ps.setString(5, c.from());
            ps.setString(6, c.to());
            ps.setTimestamp(7, Timestamp.from(c.start()));
            if (c.answer() == null) {
                ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setTimestamp(8, Timestamp.from(c.answer()));
            }
            ps.setTimestamp(9, Timestamp.from(c.end()));
            ps.setString(10, c.direction().name());
            ps.setString(11, c.trunk());
            ps.setString(12, r.outcome().name());
            ps.setString(13, r.zone() == null ? null : r.zone().name());
            ps.setLong(14, r.billedSeconds());
            ps.setBigDecimal(15, r.charge());
            ps.setString(16, r.reason());
            ps.setTimestamp(17, Timestamp.from(receivedAt));
        });
        int inserted = 0;
        for (int[] batch : counts) {
            for (int n : batch) {
                inserted += Math.max(n, 0);
            }
        }
        return inserted;
    }

    /** Call ids of this instance already stored, among {@code callIds}. */
    public List<String> known(InstanceId instance, Collection<String> callIds) {
        return jdbc.sql("select call_id from billing_calls where instance_id = :i and call_id = any(:ids)")
                .param("i", instance.value()).param("ids", callIds.toArray(String[]::new)).query(String.class).list();
    }

    /**
     * The highest call number stored now, as a run's watermark. The table is locked in share mode
     * until the caller's transaction ends: every transaction that stored (or rated again) a call
     * before has committed, and none stores one until the commit, so no call numbered at or below
     * the watermark can appear later.
     */
    public long watermark() {
        jdbc.sql("lock table billing_calls in share mode").update();
        return jdbc.sql("select case when is_called then last_value else last_value - 1 end from billing_calls_seq")
                .query(Long.class).single();
    }

    /**
     * For the run of {@code month} with the watermark {@code upto}: bills the customers' rated calls
     * numbered above each customer's own watermark up to {@code upto} that were made before
     * {@code before}, and those deferred by earlier runs that were made before it; answers them
     * summed per instance, zone and the month they were made in. Calls in that range made from
     * {@code before} on are deferred (the exceptions), each customer's watermark is raised to
     * {@code upto} and the run's items note the range they billed. The customers' watermark rows
     * stay locked until the commit, so a concurrent run waits and then finds them billed; a batch
     * rolled back leaves everything as it was. No call row is written.
     */
    public List<AirtimeSummary> billFor(YearMonth month, Collection<UUID> customers, long upto, Instant before,
            ZoneId zone) {
        UUID[] sorted = customers.stream().sorted().toArray(UUID[]::new);
        jdbc.sql("""
                insert into billing_call_watermarks (customer_id, seq) select c, 0 from unnest(:c) c order by c
                on conflict (customer_id) do nothing""").param("c", sorted).update();
        jdbc.sql("select customer_id from billing_call_watermarks where customer_id = any(:c) order by customer_id for update")
                .param("c", sorted).query(UUID.class).list();
        return jdbc.sql("""
                with prev as (
                  select customer_id, seq as after, greatest(seq, :w) as upto from billing_call_watermarks
                  where customer_id = any(:c)),
                raised as (
                  update billing_call_watermarks w set seq = prev.upto from prev
                  where w.customer_id = prev.customer_id and w.seq < prev.upto),
                noted as (
                  update billing_run_items i set calls_after = prev.after, calls_upto = prev.upto from prev
                  where i.month = :m and i.customer_id = prev.customer_id),
                ranged as (
                  select b.customer_id, b.seq, b.instance_id, b.zone, b.started_at, b.billed_seconds, b.charge
                  from prev join billing_calls b on b.customer_id = prev.customer_id and b.outcome = 'RATED'
                    and b.seq > prev.after and b.seq <= prev.upto),
                deferred as (
                  insert into billing_calls_deferred (customer_id, seq, deferred_in)
                  select customer_id, seq, :m from ranged where started_at >= :before
                  on conflict do nothing),
                late as (
                  update billing_calls_deferred d set billed_in = :m from billing_calls b
                  where d.customer_id = any(:c) and d.billed_in is null and b.customer_id = d.customer_id
                    and b.outcome = 'RATED' and b.seq = d.seq and b.started_at < :before
                  returning b.instance_id, b.zone, b.started_at, b.billed_seconds, b.charge),
                billed as (
                  select instance_id, zone, started_at, billed_seconds, charge from ranged where started_at < :before
                  union all
                  select instance_id, zone, started_at, billed_seconds, charge from late)
                """ + SUMMED)
                .param("m", month.toString()).param("c", sorted).param("w", upto)
                .param("before", Timestamp.from(before)).param("tz", zone.getId())
                .query(CallRecords::summary).list();
    }

    /** What the next run would bill of an instance: its rated calls before {@code before} no run billed yet. */
    public List<AirtimeSummary> unbilled(CustomerId customer, InstanceId instance, Instant before, ZoneId zone) {
        return jdbc.sql("""
                with billed as (
                  select b.instance_id, b.zone, b.started_at, b.billed_seconds, b.charge from billing_calls b
                  where b.customer_id = :c and b.instance_id = :i and b.outcome = 'RATED' and b.started_at < :before
                    and (b.seq > coalesce((select seq from billing_call_watermarks where customer_id = :c), 0)
                      or exists (select 1 from billing_calls_deferred d
                                 where d.customer_id = :c and d.seq = b.seq and d.billed_in is null)))
                """ + SUMMED)
                .param("c", customer.value()).param("i", instance.value()).param("before", Timestamp.from(before))
                .param("tz", zone.getId()).query(CallRecords::summary).list();
    }

    private static final String SUMMED = """
            select instance_id, zone, to_char(started_at at time zone :tz, 'YYYY-MM') as month, count(*) as calls,
                   sum(billed_seconds) as seconds, sum(charge) as charge
            from billed group by 1, 2, 3 order by 1, 3, 2""";

    private static AirtimeSummary summary(java.sql.ResultSet rs, int n) throws SQLException {
        return new AirtimeSummary(new InstanceId(rs.getObject("instance_id", UUID.class)), rs.getString("zone"),
                rs.getLong("calls"), rs.getLong("seconds"), rs.getBigDecimal("charge"), YearMonth.parse(rs.getString("month")));
    }

    /**
     * The calls a customer's invoice of a run billed, for its appendix: oldest first (late ones too):
     * those of the range its work item billed made before the run's cut-off, and those deferred by
     * earlier runs that this run billed.
     */
    public List<StoredCall> billedBy(CustomerId customer, YearMonth run) {
        return jdbc.sql(SELECT + " b " + """
                where b.customer_id = :c and b.outcome = 'RATED' and (
                  exists (select 1 from billing_run_items i join billing_runs r on r.month = i.month
                          where i.month = :m and i.customer_id = :c and b.seq > i.calls_after and b.seq <= i.calls_upto
                            and b.started_at < r.cut_off)
                  or exists (select 1 from billing_calls_deferred d where d.customer_id = :c and d.seq = b.seq
                             and d.billed_in = :m))
                order by started_at, call_id""")
                .param("c", customer.value()).param("m", run.toString())
                .query(CallRecords::row).list();
    }

    /** Calls no zone matched, newest first: for the operator to add a zone and rate them again. */
    public List<StoredCall> unrated(int limit) {
        return jdbc.sql(SELECT + " where outcome = 'UNRATED' order by received_at desc, call_id limit :l")
                .param("l", limit).query(CallRecords::row).list();
    }

    public long countUnrated() {
        return jdbc.sql("select count(*) from billing_calls where outcome = 'UNRATED'").query(Long.class).single();
    }

    /**
     * Replaces the rating of an unrated call (after the operator added a zone). It gets a new number:
     * to runs it is a call that arrived now, so the next run bills it.
     */
    public void rerate(RatedCall r, UUID instance) {
        jdbc.sql("""
                update billing_calls set outcome = :o, zone = :z, billed_seconds = :s, charge = :c, reason = :r,
                  seq = nextval('billing_calls_seq')
                where instance_id = :i and call_id = :id and outcome = 'UNRATED'""")
                .param("o", r.outcome().name()).param("z", r.zone() == null ? null : r.zone().name())
                .param("s", r.billedSeconds()).param("c", r.charge()).param("r", r.reason())
                .param("i", instance).param("id", r.call().callId()).update();
    }

    public static CallRecord toRecord(StoredCall s) {
        return new CallRecord(s.callId(), s.subject(), s.from(), s.to(), s.start(), s.answer(), s.end(),
                CallRecord.Direction.valueOf(s.direction()), s.trunk());
    }

    private static final String SELECT = """
            select instance_id, customer_id, call_id, subject, from_number, to_number, started_at, answered_at, ended_at,
                   direction, trunk, outcome, zone, billed_seconds, charge, reason from billing_calls""";

    private static StoredCall row(java.sql.ResultSet rs, int n) throws SQLException {
        Timestamp answered = rs.getTimestamp("answered_at");
        return new StoredCall(rs.getObject("instance_id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getString("call_id"), rs.getString("subject"), rs.getString("from_number"), rs.getString("to_number"),
                rs.getTimestamp("started_at").toInstant(), answered == null ? null : answered.toInstant(),
                rs.getTimestamp("ended_at").toInstant(), rs.getString("direction"), rs.getString("trunk"),
                rs.getString("outcome"), rs.getString("zone"), rs.getInt("billed_seconds"), rs.getBigDecimal("charge"),
                rs.getString("reason"));
    }
}
