package org.switchboard.numbers.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.instances.InstanceId;
import org.switchboard.numbers.InboundRoute;
import org.switchboard.numbers.InboundRoute.Target;

/** Where an instance's numbers route, and which number each subject shows as caller id. */
@Repository
public class Assignments {

    public record Assignment(String e164, Target target, List<String> extensions) {
    }

    public record CallerId(String extension, String e164) {
    }

    private final JdbcClient jdbc;

    Assignments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One indexed lookup: the number's range if it is active, and its assignment if it has one. */
    public Optional<InboundRoute> route(String e164) {
        return jdbc.sql("select r.instance_id, a.target, a.extensions from numbers n"
                + " join number_ranges r on r.id = n.range_id and r.state in ('ACTIVE', 'PORTING_OUT')"
                + " left join number_assignments a on a.e164 = n.e164 where n.e164 = ?")
                .param(e164)
                .query((rs, n) -> {
                    String target = rs.getString("target");
                    InstanceId instance = new InstanceId(rs.getObject("instance_id", UUID.class));
                    return target == null ? new InboundRoute(instance, e164, Target.MAIN_LINE, List.of())
                            : new InboundRoute(instance, e164, Target.valueOf(target), split(rs.getString("extensions")));
                })
                .optional();
    }

    public List<Assignment> ofInstance(InstanceId instance) {
        return jdbc.sql("select * from number_assignments where instance_id = ? order by e164").param(instance.value())
                .query((rs, n) -> new Assignment(rs.getString("e164"), Target.valueOf(rs.getString("target")),
                        split(rs.getString("extensions"))))
                .list();
    }

    public void assign(CustomerId customer, InstanceId instance, String e164, Target target, List<String> extensions) {
        jdbc.sql("insert into number_assignments (e164, customer_id, instance_id, target, extensions)"
                + " values (?, ?, ?, ?, ?) on conflict (e164) do update set target = excluded.target,"
                + " extensions = excluded.extensions, customer_id = excluded.customer_id, instance_id = excluded.instance_id")
                .params(e164, customer.value(), instance.value(), target.name(), String.join(",", extensions)).update();
    }

    /** The caller id of a subject: an active number of the instance, or a number one of its trunks carries. */
    public Optional<String> callerId(InstanceId instance, String extension) {
        return jdbc.sql("select c.e164 from number_caller_ids c join numbers n on n.e164 = c.e164"
                + " join number_ranges r on r.id = n.range_id and r.state in ('ACTIVE', 'PORTING_OUT')"
                + " and r.instance_id = c.instance_id"
                + " where c.instance_id = :instance and c.extension = :extension"
                + " union all select t.e164 from trunk_caller_ids t join trunk_numbers n on n.e164 = t.e164"
                + " and n.instance_id = t.instance_id where t.instance_id = :instance and t.extension = :extension")
                .param("instance", instance.value()).param("extension", extension).query(String.class).optional();
    }

    public List<CallerId> callerIds(InstanceId instance) {
        return jdbc.sql("select extension, e164 from number_caller_ids where instance_id = :instance"
                + " union all select extension, e164 from trunk_caller_ids where instance_id = :instance order by 1")
                .param("instance", instance.value()).query((rs, n) -> new CallerId(rs.getString(1), rs.getString(2)))
                .list();
    }

    /**
     * Sets the number a subject shows (null: none). A subject shows one number: a platform number
     * ({@code ofTrunk} false) or one of a trunk's numbers, so the other kind is removed.
     */
    public void setCallerId(CustomerId customer, InstanceId instance, String extension, String e164, boolean ofTrunk) {
        jdbc.sql("delete from number_caller_ids where instance_id = ? and extension = ?")
                .params(instance.value(), extension).update();
        jdbc.sql("delete from trunk_caller_ids where instance_id = ? and extension = ?")
                .params(instance.value(), extension).update();
        if (e164 == null) {
            return;
        }
        jdbc.sql("insert into " + (ofTrunk ? "trunk_caller_ids" : "number_caller_ids")
                + " (instance_id, extension, customer_id, e164) values (?, ?, ?, ?)")
                .params(instance.value(), extension, customer.value(), e164).update();
    }

    private static List<String> split(String extensions) {
        return extensions == null || extensions.isBlank() ? List.of() : Arrays.asList(extensions.split(","));
    }
}
