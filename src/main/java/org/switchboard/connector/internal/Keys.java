package org.switchboard.connector.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.connector.ConnectorKey;
import org.switchboard.instances.InstanceId;

/** The connector keys of instances, each stored as the SHA-256 hash of its secret. */
@Repository
public class Keys {

    private final JdbcClient jdbc;

    Keys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ConnectorKey key, String hash) {
        jdbc.sql("insert into connector_keys (id, instance_id, customer_id, hash, hint, label, created_at, created_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(key.id(), key.instanceId().value(), key.customerId(), hash, key.hint(), key.label(),
                        key.createdAt().atOffset(ZoneOffset.UTC), key.createdBy())
                .update();
    }

    public Optional<ConnectorKey> byHash(String hash) {
        return jdbc.sql("select * from connector_keys where hash = ?").param(hash).query((rs, n) -> key(rs)).optional();
    }

    public List<ConnectorKey> of(InstanceId instance) {
        return jdbc.sql("select * from connector_keys where instance_id = ? order by created_at desc")
                .param(instance.value()).query((rs, n) -> key(rs)).list();
    }

    public boolean revoke(InstanceId instance, UUID id, Instant at, String by) {
        return jdbc.sql("update connector_keys set revoked_at = ?, revoked_by = ? where instance_id = ? and id = ?"
                + " and revoked_at is null").params(at.atOffset(ZoneOffset.UTC), by, instance.value(), id).update() > 0;
    }

    public Optional<ConnectorKey> find(InstanceId instance, UUID id) {
        return jdbc.sql("select * from connector_keys where instance_id = ? and id = ?").params(instance.value(), id)
                .query((rs, n) -> key(rs)).optional();
    }

    private static ConnectorKey key(ResultSet rs) throws SQLException {
        return new ConnectorKey(rs.getObject("id", UUID.class), new InstanceId(rs.getObject("instance_id", UUID.class)),
                rs.getObject("customer_id", UUID.class), rs.getString("hint"), rs.getString("label"),
                instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
