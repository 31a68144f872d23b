package org.switchboard.licensing.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Drops what the licence engine kept of a deleted instance: its subjects, held and remembered
 * refs, holders, licence history and hourly figures. The pool's row stays with nothing licensed
 * and nothing occupied, its version raised so that every node loads the empty pool anew.
 */
@Repository
class InstanceDataDeletion {

    private final JdbcClient jdbc;

    InstanceDataDeletion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void forget(UUID instanceId) {
        for (String table : new String[] { "licence_refs", "licence_holders", "licence_subjects", "licence_history",
                "licence_hours" }) {
            jdbc.sql("delete from " + table + " where instance_id = ?").param(instanceId).update();
        }
        jdbc.sql("update licence_pools set occupied = 0, version = version + 1 where instance_id = ?")
                .param(instanceId).update();
    }
}
