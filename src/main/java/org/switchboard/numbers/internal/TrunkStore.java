package org.switchboard.numbers.internal;

import static org.switchboard.numbers.internal.Ranges.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.instances.InstanceId;
import org.switchboard.numbers.TrunkTemplate;

/** Trunk templates, customers' trunks (the password sealed) and the numbers each carries. */
@Repository
public class TrunkStore {

    /** A trunk as stored: the password still sealed. */
    public record StoredTrunk(UUID id, CustomerId customerId, InstanceId instanceId, UUID templateId, String name,
            String username, String authUsername, String sealedPassword, List<String> numbers) {
    }

    private final JdbcClient jdbc;

    TrunkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertTemplate(TrunkTemplate t, Instant at) {
        jdbc.sql("insert into trunk_templates (id, provider_name, registrar, outbound_proxy, transport, number_format,"
                + " caller_id_header, registers, expiry_seconds, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(t.id(), t.providerName(), t.registrar(), t.outboundProxy(), t.transport().name(),
                        t.numberFormat().name(), t.callerIdHeader().name(), t.registers(), t.expirySeconds(), utc(at))
                .update();
    }

    public boolean templateNameTaken(String name) {
        return jdbc.sql("select count(*) from trunk_templates where lower(provider_name) = lower(?)").param(name)
                .query(Integer.class).single() > 0;
    }

    public List<TrunkTemplate> templates() {
        return jdbc.sql("select * from trunk_templates order by provider_name").query((rs, n) -> template(rs)).list();
    }

    public Optional<TrunkTemplate> template(UUID id) {
        return jdbc.sql("select * from trunk_templates where id = ?").param(id).query((rs, n) -> template(rs)).optional();
    }

    public void insertTrunk(StoredTrunk t, Instant at, String by) {
        jdbc.sql("insert into trunks (id, customer_id, instance_id, template_id, name, username, auth_username,"
                + " sealed_password, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(t.id(), t.customerId().value(), t.instanceId().value(), t.templateId(), t.name(), t.username(),
                        t.authUsername(), t.sealedPassword(), utc(at), by)
                .update();
        for (String n : t.numbers()) {
            jdbc.sql("insert into trunk_numbers (e164, trunk_id, customer_id, instance_id) values (?, ?, ?, ?)")
                    .params(n, t.id(), t.customerId().value(), t.instanceId().value()).update();
        }
    }

    public Optional<String> carriedAlready(List<String> numbers) {
        return jdbc.sql("select e164 from trunk_numbers where e164 = any(?) order by e164 limit 1")
                .param(numbers.toArray(String[]::new)).query(String.class).optional();
    }

    public void deleteTrunk(InstanceId instance, UUID id) {
        jdbc.sql("delete from trunks where instance_id = ? and id = ?").params(instance.value(), id).update();
    }

    public List<StoredTrunk> ofInstance(InstanceId instance) {
        return jdbc.sql("select * from trunks where instance_id = ? order by name").param(instance.value())
                .query((rs, n) -> trunk(rs)).list();
    }

    public Optional<StoredTrunk> carrying(String e164) {
        return jdbc.sql("select t.* from trunk_numbers n join trunks t on t.id = n.trunk_id where n.e164 = ?")
                .param(e164).query((rs, n) -> trunk(rs)).optional();
    }

    /** The instance a trunk's number belongs to (calls to it ring the instance's main line). */
    public Optional<InstanceId> instanceOfNumber(String e164) {
        return jdbc.sql("select instance_id from trunk_numbers where e164 = ?").param(e164).query(UUID.class)
                .optional().map(InstanceId::new);
    }

    public List<StoredTrunk> registering() {
        return jdbc.sql("select t.* from trunks t join trunk_templates p on p.id = t.template_id where p.registers"
                + " order by t.instance_id, t.name").query((rs, n) -> trunk(rs)).list();
    }

    private StoredTrunk trunk(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<String> numbers = jdbc.sql("select e164 from trunk_numbers where trunk_id = ? order by e164").param(id)
                .query(String.class).list();
        return new StoredTrunk(id, new CustomerId(rs.getObject("customer_id", UUID.class)),
                new InstanceId(rs.getObject("instance_id", UUID.class)), rs.getObject("template_id", UUID.class),
                rs.getString("name"), rs.getString("username"), rs.getString("auth_username"),
                rs.getString("sealed_password"), numbers);
    }

    private static TrunkTemplate template(ResultSet rs) throws SQLException {
        return new TrunkTemplate(rs.getObject("id", UUID.class), rs.getString("provider_name"), rs.getString("registrar"),
                rs.getString("outbound_proxy"), TrunkTemplate.Transport.valueOf(rs.getString("transport")),
                TrunkTemplate.NumberFormat.valueOf(rs.getString("number_format")),
                TrunkTemplate.CallerIdHeader.valueOf(rs.getString("caller_id_header")), rs.getBoolean("registers"),
                rs.getInt("expiry_seconds"));
    }
}
