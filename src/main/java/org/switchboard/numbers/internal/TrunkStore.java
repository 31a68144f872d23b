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
import org.switchboard.numbers.CarriedNumbers;
import org.switchboard.numbers.InboundRoute.Target;
import org.switchboard.numbers.TrunkTemplate;

/** Trunk templates, customers' trunks (the password sealed) and the numbers each carries. */
@Repository
public class TrunkStore {

    /** A trunk as stored: the password still sealed; {@code numbers} every number of {@code carried}. */
    public record StoredTrunk(UUID id, CustomerId customerId, InstanceId instanceId, UUID templateId, String name,
            String username, String authUsername, String sealedPassword, List<CarriedNumbers> carried,
            List<String> numbers) {
    }

    /** Where calls to a trunk's number go (no target: the main line). */
    public record TrunkRoute(UUID trunkId, InstanceId instanceId, String e164, Target target, List<String> extensions) {
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
        addNumbers(t.id(), t.customerId(), t.instanceId(), t.carried());
    }

    public void addNumbers(UUID trunkId, CustomerId customer, InstanceId instance, List<CarriedNumbers> carried) {
        for (CarriedNumbers c : carried) {
            jdbc.sql("insert into trunk_numbers (e164, trunk_id, customer_id, instance_id, block_base, extension_digits)"
                    + " select unnest(:numbers), :trunk, :customer, :instance, :base, :digits")
                    .param("numbers", c.numbers().toArray(String[]::new)).param("trunk", trunkId)
                    .param("customer", customer.value()).param("instance", instance.value()).param("base", c.base())
                    .param("digits", c.extensionDigits()).update();
        }
    }

    /** Removes a single number or a whole block (by its base) from the trunk; false if it carries no such entry. */
    public boolean removeNumbers(InstanceId instance, UUID trunkId, String base) {
        return jdbc.sql("delete from trunk_numbers where instance_id = ? and trunk_id = ? and block_base = ?")
                .params(instance.value(), trunkId, base).update() > 0;
    }

    /**
     * A number some trunk carries already that clashes with these: one of them, or a number that is
     * a prefix of one of them or the other way round (they could not be dialled apart).
     */
    public Optional<String> carriedAlready(List<CarriedNumbers> carried) {
        for (CarriedNumbers c : carried) {
            List<String> prefixes = new java.util.ArrayList<>();
            for (int i = 4; i <= c.base().length(); i++) {
                prefixes.add(c.base().substring(0, i));
            }
            Optional<String> clash = jdbc.sql("select e164 from trunk_numbers where e164 like :base"
                    + " or e164 = any(:prefixes) order by e164 limit 1")
                    .param("base", c.base() + "%").param("prefixes", prefixes.toArray(String[]::new))
                    .query(String.class).optional();
            if (clash.isPresent()) {
                return clash;
            }
        }
        return Optional.empty();
    }

    /** A number a customer's trunk carries, and the instance whose trunk it is. */
    public record Carried(String e164, InstanceId instance) {
    }

    /**
     * A number some trunk carries that clashes with a range starting at {@code base}: one of its
     * numbers, or a prefix of it, or one it is a prefix of (the same rule as the inventory).
     */
    public Optional<Carried> clash(String base) {
        List<String> prefixes = new java.util.ArrayList<>();
        for (int i = 4; i <= base.length(); i++) {
            prefixes.add(base.substring(0, i));
        }
        return jdbc.sql("select e164, instance_id from trunk_numbers where e164 like :base or e164 = any(:prefixes)"
                + " order by e164 limit 1")
                .param("base", base + "%").param("prefixes", prefixes.toArray(String[]::new))
                .query((rs, n) -> new Carried(rs.getString("e164"), new InstanceId(rs.getObject("instance_id", UUID.class))))
                .optional();
    }

    /**
     * The numbers of a ported range leave the instance's trunks: they are the platform's now. Their
     * routes and caller-id uses on the trunk carry over to the platform's number where it has none of
     * its own yet (a route set ahead on the porting order wins). Answers how many left the trunk.
     */
    public int handOverToPlatform(InstanceId instance, String base, int extensionDigits) {
        Object[] range = { instance.value(), base + "%", base.length() + extensionDigits };
        jdbc.sql("insert into number_assignments (e164, customer_id, instance_id, target, extensions)"
                + " select t.e164, t.customer_id, t.instance_id, t.target, t.extensions from trunk_numbers t"
                + " join numbers n on n.e164 = t.e164 where t.instance_id = ? and t.e164 like ? and length(t.e164) = ?"
                + " and t.target is not null on conflict (e164) do nothing").params(range).update();
        jdbc.sql("insert into number_caller_ids (instance_id, extension, customer_id, e164)"
                + " select c.instance_id, c.extension, c.customer_id, c.e164 from trunk_caller_ids c"
                + " join numbers n on n.e164 = c.e164 where c.instance_id = ? and c.e164 like ? and length(c.e164) = ?"
                + " on conflict (instance_id, extension) do nothing").params(range).update();
        return jdbc.sql("delete from trunk_numbers where instance_id = ? and e164 like ? and length(e164) = ?")
                .params(range).update();
    }

    /** Where a call to a trunk's number goes: one primary-key lookup. */
    public Optional<TrunkRoute> route(String e164) {
        return jdbc.sql("select trunk_id, instance_id, target, extensions from trunk_numbers where e164 = ?").param(e164)
                .query((rs, n) -> new TrunkRoute(rs.getObject("trunk_id", UUID.class),
                        new InstanceId(rs.getObject("instance_id", UUID.class)), e164,
                        rs.getString("target") == null ? Target.MAIN_LINE : Target.valueOf(rs.getString("target")),
                        split(rs.getString("extensions"))))
                .optional();
    }

    /** The routes set for an instance's trunk numbers (numbers without one ring the main line). */
    public List<TrunkRoute> routes(InstanceId instance) {
        return jdbc.sql("select trunk_id, e164, target, extensions from trunk_numbers where instance_id = ?"
                + " and target is not null order by e164").param(instance.value())
                .query((rs, n) -> new TrunkRoute(rs.getObject("trunk_id", UUID.class), instance, rs.getString("e164"),
                        Target.valueOf(rs.getString("target")), split(rs.getString("extensions"))))
                .list();
    }

    public void route(InstanceId instance, String e164, Target target, List<String> extensions) {
        jdbc.sql("update trunk_numbers set target = ?, extensions = ? where instance_id = ? and e164 = ?")
                .params(target.name(), String.join(",", extensions), instance.value(), e164).update();
    }

    private static List<String> split(String extensions) {
        return extensions == null || extensions.isBlank() ? List.of() : java.util.Arrays.asList(extensions.split(","));
    }

    /** Deletes every trunk of the instance, with the numbers and caller ids on them. */
    public void deleteAll(InstanceId instance) {
        jdbc.sql("delete from trunks where instance_id = ?").param(instance.value()).update();
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

    public List<StoredTrunk> registering() {
        return jdbc.sql("select t.* from trunks t join trunk_templates p on p.id = t.template_id where p.registers"
                + " order by t.instance_id, t.name").query((rs, n) -> trunk(rs)).list();
    }

    private StoredTrunk trunk(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<String> numbers = jdbc.sql("select e164 from trunk_numbers where trunk_id = ? order by e164").param(id)
                .query(String.class).list();
        List<CarriedNumbers> carried = jdbc.sql("select distinct block_base, extension_digits from trunk_numbers"
                + " where trunk_id = ? order by block_base").param(id)
                .query((r, n) -> new CarriedNumbers(r.getString(1), r.getInt(2))).list();
        return new StoredTrunk(id, new CustomerId(rs.getObject("customer_id", UUID.class)),
                new InstanceId(rs.getObject("instance_id", UUID.class)), rs.getObject("template_id", UUID.class),
                rs.getString("name"), rs.getString("username"), rs.getString("auth_username"),
                rs.getString("sealed_password"), carried, numbers);
    }

    private static TrunkTemplate template(ResultSet rs) throws SQLException {
        return new TrunkTemplate(rs.getObject("id", UUID.class), rs.getString("provider_name"), rs.getString("registrar"),
                rs.getString("outbound_proxy"), TrunkTemplate.Transport.valueOf(rs.getString("transport")),
                TrunkTemplate.NumberFormat.valueOf(rs.getString("number_format")),
                TrunkTemplate.CallerIdHeader.valueOf(rs.getString("caller_id_header")), rs.getBoolean("registers"),
                rs.getInt("expiry_seconds"));
    }
}
