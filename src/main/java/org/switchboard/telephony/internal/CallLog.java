package org.switchboard.telephony.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.instances.InstanceId;

/**
 * Calls, live and ended. A call's end and its pending call record are one row update, so the
 * record cannot be lost: it stays here, unrecorded, until the connector port has taken it.
 */
@Repository
public class CallLog {

    public record CallRow(InstanceId instanceId, String callId, UUID customerId, String subject, String from, String to,
            Direction direction, String trunk, boolean licenceHeld, Instant startedAt, Instant answeredAt,
            Instant endedAt, String endReason, Instant recordedAt) {
    }

    private final JdbcClient jdbc;

    CallLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void started(CallRow c) {
        jdbc.sql("""
                insert into sip_calls (instance_id, call_id, customer_id, subject, from_number, to_number, direction,
                    trunk, licence_held, started_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""")
                .params(c.instanceId().value(), c.callId(), c.customerId(), c.subject(), c.from(), c.to(),
                        c.direction().name(), c.trunk(), c.licenceHeld(), Devices.utc(c.startedAt())).update();
    }

    public void answered(InstanceId instance, String callId, Instant at) {
        jdbc.sql("update sip_calls set answered_at = ? where instance_id = ? and call_id = ? and answered_at is null")
                .params(Devices.utc(at), instance.value(), callId).update();
    }

    /** Ends a live call; false when it had ended already (another node, a repeated BYE). */
    public boolean ended(InstanceId instance, String callId, Instant at, String reason) {
        return jdbc.sql("update sip_calls set ended_at = ?, end_reason = ? where instance_id = ? and call_id = ? "
                + "and ended_at is null").params(Devices.utc(at), reason, instance.value(), callId).update() == 1;
    }

    /** Calls of the instance to the public network not ended yet, on any node. */
    public int liveOutbound(InstanceId instance) {
        return jdbc.sql("select count(*) from sip_calls where instance_id = ? and ended_at is null and direction = 'OUTBOUND'")
                .param(instance.value()).query(Integer.class).single();
    }

    /**
     * Calls of the instance to the public network not ended yet, on any node, other than those of
     * {@code callIds} (this node's calls in flight, counted from memory).
     */
    public int liveOutboundExcept(InstanceId instance, java.util.Collection<String> callIds) {
        if (callIds.isEmpty()) {
            return liveOutbound(instance);
        }
        return jdbc.sql("select count(*) from sip_calls where instance_id = ? and ended_at is null "
                + "and direction = 'OUTBOUND' and call_id <> all(?)")
                .params(instance.value(), callIds.toArray(String[]::new)).query(Integer.class).single();
    }

    /**
     * Seconds the instance talked to the public network over the platform's trunk since {@code since}
     * (calls answered since then; a call still talking counts up to {@code now}).
     */
    public long airtimeSeconds(InstanceId instance, Instant since, Instant now) {
        Long s = jdbc.sql("select coalesce(sum(extract(epoch from (coalesce(ended_at, ?) - answered_at))), 0) "
                + "from sip_calls where instance_id = ? and direction = 'OUTBOUND' and trunk = ? "
                + "and answered_at >= ?").params(Devices.utc(now), instance.value(),
                        org.switchboard.connector.CallRecord.PLATFORM_TRUNK, Devices.utc(since))
                .query((rs, n) -> rs.getBigDecimal(1).longValue()).single();
        return s == null ? 0 : s;
    }

    /** A call refused before it started (a fraud guard): kept with why, and recorded like any call. */
    public void refused(CallRow c, Instant at, String reason) {
        started(c);
        ended(c.instanceId(), c.callId(), at, reason);
    }

    public Optional<CallRow> live(String callId) {
        return jdbc.sql("select * from sip_calls where call_id = ? and ended_at is null").param(callId)
                .query((rs, n) -> row(rs)).optional();
    }

    public List<CallRow> liveOf(InstanceId instance) {
        return jdbc.sql("select * from sip_calls where instance_id = ? and ended_at is null order by started_at")
                .param(instance.value()).query((rs, n) -> row(rs)).list();
    }

    public List<CallRow> history(InstanceId instance, String subject, int limit) {
        return jdbc.sql("select * from sip_calls where instance_id = ? and ended_at is not null "
                + "and (cast(? as varchar) is null or subject = ?) order by started_at desc limit ?")
                .params(instance.value(), subject, subject, limit).query((rs, n) -> row(rs)).list();
    }

    /** Ended calls an extension placed or was called in, newest first. */
    public List<CallRow> historyOfExtension(InstanceId instance, String extension, int limit) {
        return jdbc.sql("select * from sip_calls where instance_id = ? and ended_at is not null "
                + "and (subject = ? or to_number = ?) order by started_at desc limit ?")
                .params(instance.value(), extension, extension, limit).query((rs, n) -> row(rs)).list();
    }

    /** Live calls older than {@code before}: parties gone without a BYE. */
    public List<CallRow> liveSince(Instant before, int limit) {
        return jdbc.sql("select * from sip_calls where ended_at is null and started_at < ? order by started_at limit ?")
                .params(Devices.utc(before), limit).query((rs, n) -> row(rs)).list();
    }

    /** Ended calls whose record the connector has not taken yet, locked for this node. */
    public List<CallRow> unrecorded(int limit) {
        return jdbc.sql("select * from sip_calls where ended_at is not null and recorded_at is null "
                + "order by ended_at limit ? for update skip locked").param(limit).query((rs, n) -> row(rs)).list();
    }

    public void recorded(InstanceId instance, List<String> callIds, Instant at) {
        jdbc.sql("update sip_calls set recorded_at = ? where instance_id = ? and call_id = any(?)")
                .params(Devices.utc(at), instance.value(), callIds.toArray(String[]::new)).update();
    }

    private static CallRow row(ResultSet rs) throws SQLException {
        return new CallRow(new InstanceId(rs.getObject("instance_id", UUID.class)), rs.getString("call_id"),
                rs.getObject("customer_id", UUID.class), rs.getString("subject"), rs.getString("from_number"),
                rs.getString("to_number"), Direction.valueOf(rs.getString("direction")), rs.getString("trunk"),
                rs.getBoolean("licence_held"), Devices.instant(rs, "started_at"), Devices.instant(rs, "answered_at"),
                Devices.instant(rs, "ended_at"), rs.getString("end_reason"), Devices.instant(rs, "recorded_at"));
    }
}
