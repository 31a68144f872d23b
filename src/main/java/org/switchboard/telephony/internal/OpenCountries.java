package org.switchboard.telephony.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.instances.InstanceId;

/** The countries opened for each instance's calls to the public network, and the airtime alerts sent. */
@Repository
public class OpenCountries {

    private final JdbcClient jdbc;

    OpenCountries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Set<String> of(InstanceId instance) {
        List<String> rows = jdbc.sql("select country from sip_open_countries where instance_id = ?")
                .param(instance.value()).query(String.class).list();
        return new TreeSet<>(rows);
    }

    /** Makes the opened countries exactly {@code countries}. */
    public void replace(InstanceId instance, Set<String> countries, Instant at, String by) {
        jdbc.sql("delete from sip_open_countries where instance_id = ? and not (country = any(?))")
                .params(instance.value(), countries.toArray(String[]::new)).update();
        for (String c : countries) {
            jdbc.sql("insert into sip_open_countries (instance_id, country, opened_at, opened_by) values (?, ?, ?, ?) "
                    + "on conflict do nothing").params(instance.value(), c, Devices.utc(at), by).update();
        }
    }

    /** True the first time it is asked for an instance and day: the alert for that day is to be sent. */
    public boolean firstAirtimeAlert(InstanceId instance, LocalDate day, Instant at) {
        return jdbc.sql("insert into sip_airtime_alerts (instance_id, day, sent_at) values (?, ?, ?) "
                + "on conflict do nothing").params(instance.value(), day, Devices.utc(at)).update() == 1;
    }
}
