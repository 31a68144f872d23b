package org.switchboard.telephony.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.instances.InstanceId;
import org.switchboard.telephony.Device;
import org.switchboard.telephony.DeviceKind;

/** Devices with their digest hashes; always asked for with their instance. */
@Repository
public class Devices {

    /** A device as the registrar needs it: with its HA1 for each algorithm. */
    public record Secrets(Device device, String ha1Md5, String ha1Sha256) {
    }

    private record Cached(Secrets secrets, long at) {
    }

    /**
     * Devices asked for by digest user name (and extensions that have one), kept a few seconds: every
     * INVITE and REGISTER asks. A change on this node clears it at once; one on another node is seen
     * within {@link #TTL_NANOS}. Only devices found are kept (an unknown user name costs a query each
     * time, and cannot grow it); bounded.
     */
    private final Map<String, Cached> bySipUser = new ConcurrentHashMap<>();
    private static final long TTL_NANOS = 5_000_000_000L;
    private static final int MAX_CACHED = 100_000;

    private final JdbcClient jdbc;

    Devices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Device d, UUID customerId, String ha1Md5, String ha1Sha256) {
        bySipUser.clear();
        jdbc.sql("""
                insert into sip_devices (id, instance_id, customer_id, subject_id, extension, kind, label, sip_user,
                    ha1_md5, ha1_sha256, created_at, credentials_set_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.id(), d.instanceId().value(), customerId, d.subjectId(), d.extension(), d.kind().name(),
                        d.label(), d.sipUser(), ha1Md5, ha1Sha256, utc(d.createdAt()), utc(d.credentialsSetAt()))
                .update();
    }

    public boolean resetCredentials(InstanceId instance, UUID id, String ha1Md5, String ha1Sha256, Instant at) {
        bySipUser.clear();
        boolean reset = jdbc.sql("update sip_devices set ha1_md5 = ?, ha1_sha256 = ?, credentials_set_at = ? "
                + "where instance_id = ? and id = ?").params(ha1Md5, ha1Sha256, utc(at), instance.value(), id)
                .update() == 1;
        bySipUser.clear(); // again: a look-up meanwhile may have kept the old one
        return reset;
    }

    public List<Device> of(InstanceId instance) {
        return jdbc.sql("select * from sip_devices where instance_id = ? order by extension, created_at")
                .param(instance.value()).query((rs, n) -> device(rs)).list();
    }

    public Optional<Device> find(InstanceId instance, UUID id) {
        return jdbc.sql("select * from sip_devices where instance_id = ? and id = ?").params(instance.value(), id)
                .query((rs, n) -> device(rs)).optional();
    }

    public Optional<Secrets> bySipUser(InstanceId instance, String sipUser) {
        String key = instance.value() + " " + sipUser;
        long now = System.nanoTime();
        Cached c = bySipUser.get(key);
        if (c != null && c.secrets() != null && now - c.at() < TTL_NANOS) {
            return Optional.of(c.secrets());
        }
        Optional<Secrets> found = query(instance, sipUser);
        if (found.isPresent()) {
            if (bySipUser.size() >= MAX_CACHED) {
                bySipUser.clear();
            }
            bySipUser.put(key, new Cached(found.get(), now));
        } else {
            bySipUser.remove(key);
        }
        return found;
    }

    private Optional<Secrets> query(InstanceId instance, String sipUser) {
        return jdbc.sql("select * from sip_devices where instance_id = ? and sip_user = ?")
                .params(instance.value(), sipUser)
                .query((rs, n) -> new Secrets(device(rs), rs.getString("ha1_md5"), rs.getString("ha1_sha256")))
                .optional();
    }

    /** Whether the extension has a device; a yes is kept like {@link #bySipUser} (every internal call asks). */
    public boolean extensionHasDevices(InstanceId instance, String extension) {
        String key = instance.value() + " #" + extension;
        long now = System.nanoTime();
        Cached c = bySipUser.get(key);
        if (c != null && now - c.at() < TTL_NANOS) {
            return true;
        }
        boolean has = queryExtension(instance, extension);
        if (has) {
            if (bySipUser.size() >= MAX_CACHED) {
                bySipUser.clear();
            }
            bySipUser.put(key, new Cached(null, now));
        }
        return has;
    }

    private boolean queryExtension(InstanceId instance, String extension) {
        return jdbc.sql("select exists (select 1 from sip_devices where instance_id = ? and extension = ?)")
                .params(instance.value(), extension).query(Boolean.class).single();
    }

    /** The desktop session a desktop client has open, if any. */
    public Optional<String> desktopSession(UUID id) {
        return jdbc.sql("select desktop_session from sip_devices where id = ?").param(id).query(String.class).optional()
                .filter(java.util.Objects::nonNull);
    }

    public void desktopSession(UUID id, String ref) {
        jdbc.sql("update sip_devices set desktop_session = ? where id = ?").params(ref, id).update();
    }

    public boolean delete(InstanceId instance, UUID id) {
        bySipUser.clear();
        boolean deleted = jdbc.sql("delete from sip_devices where instance_id = ? and id = ?")
                .params(instance.value(), id).update() == 1;
        bySipUser.clear(); // again: a look-up meanwhile may have kept the old one
        return deleted;
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Device device(ResultSet rs) throws SQLException {
        return new Device(rs.getObject("id", UUID.class), new InstanceId(rs.getObject("instance_id", UUID.class)),
                rs.getObject("subject_id", UUID.class), rs.getString("extension"),
                DeviceKind.valueOf(rs.getString("kind")), rs.getString("label"), rs.getString("sip_user"),
                instant(rs, "created_at"), instant(rs, "credentials_set_at"));
    }
}
