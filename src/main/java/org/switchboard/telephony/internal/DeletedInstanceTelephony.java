package org.switchboard.telephony.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.instances.InstanceEvents.InstanceDeleted;

/**
 * Drops what the SIP core kept of a deleted instance: its devices with their credentials and
 * registrations, its call history, the countries it opened and its airtime alerts. Call records
 * already handed to billing stay with billing; a call not yet handed over (or still going: a
 * deactivated instance may still make emergency calls) stays until it is.
 */
@Component
class DeletedInstanceTelephony {

    private final JdbcClient jdbc;

    DeletedInstanceTelephony(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(InstanceDeleted e) {
        // bindings go with their devices (on delete cascade)
        for (String table : new String[] { "sip_devices", "sip_open_countries", "sip_airtime_alerts" }) {
            jdbc.sql("delete from " + table + " where instance_id = ?").param(e.instanceId().value()).update();
        }
        jdbc.sql("delete from sip_calls where instance_id = ? and recorded_at is not null")
                .param(e.instanceId().value()).update();
    }
}
