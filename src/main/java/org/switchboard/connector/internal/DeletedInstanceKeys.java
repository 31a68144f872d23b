package org.switchboard.connector.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.instances.InstanceEvents.InstanceDeleted;

/**
 * A deleted instance's connector keys are deleted, and every node is told at once (as for a
 * revoked key), so that none is accepted any more anywhere.
 */
@Component
class DeletedInstanceKeys {

    private final JdbcClient jdbc;
    private final KeyRevocations revocations;

    DeletedInstanceKeys(JdbcClient jdbc, KeyRevocations revocations) {
        this.jdbc = jdbc;
        this.revocations = revocations;
    }

    @ApplicationModuleListener
    void on(InstanceDeleted e) {
        jdbc.sql("delete from connector_keys where instance_id = ? returning id").param(e.instanceId().value())
                .query(UUID.class).list().forEach(revocations::announce);
    }
}
