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
     * For the run of {@code month}: marks the customers' rated calls made before {@code before}
     * that no run billed yet as billed by this run, and answers them summed per instance, zone and
     * the month they were made in. The update is the claim: a call stored while the batch works,
     * or one a concurrent run took first, is not in it; a batch rolled back leaves its calls unbilled.
     */
    public List<AirtimeSummary> billFor(YearMonth month, Collection<UUID> customers, Instant before, ZoneId zone) {
        return jdbc.sql("""
                with billed as (
                  update billing_calls set billed_in = :m
                  where customer_id = any(:c) and outcome = 'RATED' and billed_in is null and started_at < :before
                  returning instance_id, zone, started_at, billed_seconds, charge)
                """ + SUMMED)
                .param("m", month.toString()).param("c", customers.toArray(UUID[]::new))
                .param("before", Timestamp.from(before)).param("tz", zone.getId())
                .query(CallRecords::summary).list();
    }

    /** What the next run would bill of an instance: its rated calls before {@code before} no run billed yet. */
    public List<AirtimeSummary> unbilled(CustomerId customer, InstanceId instance, Instant before, ZoneId zone) {
        return jdbc.sql("""
                with billed as (
                  select instance_id, zone, started_at, billed_seconds, charge from billing_calls
                  where customer_id = :c and instance_id = :i and outcome = 'RATED' and billed_in is null
                    and started_at < :before)
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

    /** The calls a customer's invoice of a run billed, for its appendix: oldest first (late ones too). */
    public List<StoredCall> billedBy(CustomerId customer, YearMonth run) {
        return jdbc.sql(SELECT + " " + """
                where customer_id = :c and billed_in = :m and outcome = 'RATED'
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

    /** Replaces the rating of an unrated call (after the operator added a zone). */
    public void rerate(RatedCall r, UUID instance) {
        jdbc.sql("""
                update billing_calls set outcome = :o, zone = :z, billed_seconds = :s, charge = :c, reason = :r
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
