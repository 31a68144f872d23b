package org.switchboard.licensing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.Reason;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.Holder;
import org.switchboard.licensing.LicenceState;
import org.switchboard.licensing.RecordAction;

/** What pages and the API read: the state as committed, the history and the hourly figures. */
@Repository
public class LicenceReads {

    /** A stored line of history. */
    public record HistoryLine(long id, Instant at, String subject, Reason reason, String ref, RecordAction action,
            boolean emergency, boolean licenceChanged, String actor, int occupied, int licensed, LicenceDevice device) {
    }

    /** One hour of one instance. */
    public record Hour(Instant hour, int peak, int closing, int licensed, int admissions, int refusals,
            int emergencies) {
    }

    private final JdbcClient jdbc;

    LicenceReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LicenceState> state(InstanceId instance) {
        Optional<int[]> pool = jdbc.sql("select licensed, occupied from licence_pools where instance_id = ?")
                .param(instance.value()).query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) }).optional();
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Holder> holders = new LinkedHashMap<>();
        jdbc.sql("select h.subject, h.since, h.over_limit, r.reason, r.device_id, r.device_name, r.since, r.emergency"
                + " from licence_holders h join licence_refs r"
                + " on r.instance_id = h.instance_id and r.subject = h.subject and r.state = 'HELD'"
                + " where h.instance_id = ? order by h.since, h.subject, r.since").param(instance.value()).query(rs -> {
                    String subject = rs.getString(1);
                    Holder h = holders.get(subject);
                    if (h == null) {
                        h = new Holder(subject, EnumSet.noneOf(Reason.class), PoolStore.instant(rs, 2),
                                rs.getBoolean(3), new ArrayList<>());
                        holders.put(subject, h);
                    }
                    Reason reason = Reason.valueOf(rs.getString(4));
                    h.reasons().add(reason);
                    h.holds().add(new Holder.Hold(reason, PoolStore.device(rs, 5), PoolStore.instant(rs, 7),
                            rs.getBoolean(8)));
                });
        List<Holder> list = holders.values().stream()
                .map(h -> new Holder(h.subject(), Set.copyOf(h.reasons()), h.since(), h.overLimit(), List.copyOf(h.holds())))
                .toList();
        return Optional.of(new LicenceState(pool.get()[0], pool.get()[1], list));
    }

    public List<HistoryLine> history(InstanceId instance, Instant from, Instant to, int limit) {
        return jdbc.sql("select id, at, subject, reason, ref, action, emergency, licence_changed, actor, occupied, licensed,"
                + " device_id, device_name from licence_history where instance_id = ? and at >= ? and at < ? order by at desc, id desc limit ?")
                .params(instance.value(), PoolStore.utc(from), PoolStore.utc(to), limit)
                .query((rs, n) -> new HistoryLine(rs.getLong(1), PoolStore.instant(rs, 2), rs.getString(3),
                        Reason.valueOf(rs.getString(4)), rs.getString(5), RecordAction.valueOf(rs.getString(6)),
                        rs.getBoolean(7), rs.getBoolean(8), rs.getString(9), rs.getInt(10), rs.getInt(11),
                        PoolStore.device(rs, 12)))
                .list();
    }

    /** Occupancy right before {@code at}: the occupancy after the last record before it. */
    public int occupiedBefore(InstanceId instance, Instant at) {
        return jdbc.sql("select occupied from licence_history where instance_id = ? and at < ? order by at desc, id desc"
                + " limit 1").params(instance.value(), PoolStore.utc(at)).query(Integer.class).optional().orElse(0);
    }

    public List<Hour> hours(InstanceId instance, Instant from, Instant to) {
        return jdbc.sql("select hour, peak, closing, licensed, admissions, refusals, emergencies from licence_hours"
                + " where instance_id = ? and hour >= ? and hour < ? order by hour")
                .params(instance.value(), PoolStore.utc(from), PoolStore.utc(to))
                .query((rs, n) -> new Hour(PoolStore.instant(rs, 1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7)))
                .list();
    }

    /** The last hour row before {@code at}, whose closing occupancy carries into the hours without records. */
    public Optional<Hour> hourBefore(InstanceId instance, Instant at) {
        return jdbc.sql("select hour, peak, closing, licensed, admissions, refusals, emergencies from licence_hours"
                + " where instance_id = ? and hour < ? order by hour desc limit 1")
                .params(instance.value(), PoolStore.utc(at))
                .query((rs, n) -> new Hour(PoolStore.instant(rs, 1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7)))
                .optional();
    }

    public int refusalsSince(InstanceId instance, Instant since) {
        return jdbc.sql("select count(*) from licence_history where instance_id = ? and at >= ? and action = 'REFUSED'")
                .params(instance.value(), PoolStore.utc(since)).query(Integer.class).single();
    }

    /** Refusals since an instant, summed over the instances given (a dashboard's "refusals today"). */
    public int refusalsSince(java.util.Collection<InstanceId> instances, Instant since) {
        if (instances.isEmpty()) {
            return 0;
        }
        UUID[] ids = instances.stream().map(InstanceId::value).toArray(UUID[]::new);
        return jdbc.sql("select count(*) from licence_history where instance_id = any(?) and at >= ? and action = 'REFUSED'")
                .params(ids, PoolStore.utc(since)).query(Integer.class).single();
    }

    /** Marks that a refusal alert goes out now, unless one went out within the hour; true when it may go. */
    public boolean claimAlert(UUID instance, Instant now) {
        return jdbc.sql("update licence_pools set last_alert_at = ? where instance_id = ? and (last_alert_at is null"
                + " or last_alert_at <= ?)").params(PoolStore.utc(now), instance, PoolStore.utc(now.minusSeconds(3600)))
                .update() > 0;
    }

    /** When the last refusal mail of an instance was claimed, if ever. */
    public java.util.Optional<Instant> lastAlert(UUID instance) {
        return jdbc.sql("select last_alert_at from licence_pools where instance_id = ? and last_alert_at is not null")
                .param(instance).query((rs, n) -> PoolStore.instant(rs, 1)).optional();
    }

    public int[] timeoutsSeconds() {
        return jdbc.sql("select heartbeat_timeout_seconds, call_timeout_seconds from licensing_settings where id = 1")
                .query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) }).single();
    }

    public void setTimeoutsSeconds(int heartbeat, int call) {
        jdbc.sql("update licensing_settings set heartbeat_timeout_seconds = ?, call_timeout_seconds = ? where id = 1")
                .params(heartbeat, call).update();
    }
}
