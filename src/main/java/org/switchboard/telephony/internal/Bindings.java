package org.switchboard.telephony.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.instances.InstanceId;
import org.switchboard.telephony.DeviceKind;

/**
 * Registrations: where each device can be reached (its contact and the flow it registered over),
 * until when. Kept in PostgreSQL, so a restart or another node reaches the same phones; the live
 * bindings of a device and of an extension are read through {@link BindingCache}, which every write
 * here marks old for the binding's instance.
 */
@Repository
public class Bindings {

    public record Binding(UUID id, InstanceId instanceId, UUID deviceId, String contact, String flow, String callId,
            long cseq, String userAgent, Instant registeredAt, Instant refreshedAt, Instant expiresAt) {
    }

    /** A binding with the device it belongs to, as routing and the pages need it. */
    public record Reachable(Binding binding, String extension, DeviceKind kind, String sipUser) {
    }

    private record ExtensionKey(UUID instance, String extension) {
    }

    private final JdbcClient jdbc;
    private final BindingCache cache;

    Bindings(JdbcClient jdbc, BindingCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** The device's bindings live at {@code now}, from memory when they are known to be current. */
    public List<Binding> ofDevice(InstanceId instance, UUID deviceId, Instant now) {
        return cache.get(deviceId, instance, now, Binding::expiresAt, () -> jdbc.sql(
                "select * from sip_bindings where device_id = ? and expires_at > ? order by registered_at")
                .params(deviceId, Devices.utc(now)).query((rs, n) -> binding(rs)).list());
    }

    /**
     * The registrar brought the device's live bindings up to date itself, changing nothing but
     * expiries (a refresh): this node's copy takes them, unless anything changed meanwhile.
     */
    void refreshed(InstanceId instance, UUID deviceId, List<Binding> live) {
        cache.update(deviceId, instance, live);
    }

    /** Inserts or refreshes a binding; tells whether it is new. */
    public boolean upsert(Binding b) {
        try {
            return write(b);
        } finally {
            cache.changed(b.instanceId());
        }
    }

    private boolean write(Binding b) {
        int updated = jdbc.sql("""
                update sip_bindings set flow = ?, call_id = ?, cseq = ?, user_agent = ?, refreshed_at = ?, expires_at = ?
                where device_id = ? and contact = ?""")
                .params(b.flow(), b.callId(), b.cseq(), b.userAgent(), Devices.utc(b.refreshedAt()),
                        Devices.utc(b.expiresAt()), b.deviceId(), b.contact()).update();
        if (updated > 0) {
            return false;
        }
        jdbc.sql("""
                insert into sip_bindings (id, instance_id, device_id, contact, flow, call_id, cseq, user_agent,
                    registered_at, refreshed_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (device_id, contact) do update set flow = excluded.flow, call_id = excluded.call_id,
                    cseq = excluded.cseq, refreshed_at = excluded.refreshed_at, expires_at = excluded.expires_at""")
                .params(b.id(), b.instanceId().value(), b.deviceId(), b.contact(), b.flow(), b.callId(), b.cseq(),
                        b.userAgent(), Devices.utc(b.registeredAt()), Devices.utc(b.refreshedAt()),
                        Devices.utc(b.expiresAt())).update();
        return true;
    }

    public int remove(UUID deviceId, String contact) {
        return changed(jdbc.sql("delete from sip_bindings where device_id = ? and contact = ? returning instance_id")
                .params(deviceId, contact).query(UUID.class).list());
    }

    public int removeAll(UUID deviceId) {
        return changed(jdbc.sql("delete from sip_bindings where device_id = ? returning instance_id").param(deviceId)
                .query(UUID.class).list());
    }

    private int changed(List<UUID> instances) {
        instances.stream().distinct().forEach(i -> cache.changed(new InstanceId(i)));
        return instances.size();
    }

    /** The live contacts of an extension, to ring all of them; from memory when they are known to be current. */
    public List<Reachable> ofExtension(InstanceId instance, String extension, Instant now) {
        return cache.get(new ExtensionKey(instance.value(), extension), instance, now,
                (Reachable r) -> r.binding().expiresAt(), () -> jdbc.sql("""
                select b.*, d.extension, d.kind, d.sip_user from sip_bindings b join sip_devices d on d.id = b.device_id
                where d.instance_id = ? and d.extension = ? and b.expires_at > ? order by b.registered_at""")
                .params(instance.value(), extension, Devices.utc(now)).query((rs, n) -> reachable(rs)).list());
    }

    public List<Reachable> ofInstance(InstanceId instance, Instant now) {
        return jdbc.sql("""
                select b.*, d.extension, d.kind, d.sip_user from sip_bindings b join sip_devices d on d.id = b.device_id
                where d.instance_id = ? and b.expires_at > ? order by d.extension, b.registered_at""")
                .params(instance.value(), Devices.utc(now)).query((rs, n) -> reachable(rs)).list();
    }

    /** The bindings over a flow that is gone (a closed WebSocket) expire now; the registrar's expiry ends them. */
    public int expireFlow(String flow, Instant now) {
        return changed(jdbc.sql("update sip_bindings set expires_at = ? where flow = ? and expires_at > ? returning instance_id")
                .params(Devices.utc(now), flow, Devices.utc(now)).query(UUID.class).list());
    }

    /** Takes the bindings past their expiry away, a batch at a time, and returns them (any node may do it). */
    public List<Reachable> takeExpired(Instant now, int limit) {
        return jdbc.sql("""
                with gone as (
                    delete from sip_bindings where id in (
                        select id from sip_bindings where expires_at <= ? order by expires_at limit ? for update skip locked)
                    returning *)
                select gone.*, d.extension, d.kind, d.sip_user from gone join sip_devices d on d.id = gone.device_id""")
                .params(Devices.utc(now), limit).query((rs, n) -> reachable(rs)).list();
    }

    private static Reachable reachable(ResultSet rs) throws SQLException {
        return new Reachable(binding(rs), rs.getString("extension"), DeviceKind.valueOf(rs.getString("kind")),
                rs.getString("sip_user"));
    }

    private static Binding binding(ResultSet rs) throws SQLException {
        return new Binding(rs.getObject("id", UUID.class), new InstanceId(rs.getObject("instance_id", UUID.class)),
                rs.getObject("device_id", UUID.class), rs.getString("contact"), rs.getString("flow"),
                rs.getString("call_id"), rs.getLong("cseq"), rs.getString("user_agent"),
                Devices.instant(rs, "registered_at"), Devices.instant(rs, "refreshed_at"),
                Devices.instant(rs, "expires_at"));
    }
}
