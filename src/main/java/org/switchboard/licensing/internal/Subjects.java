package org.switchboard.licensing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.FunctionType;
import org.switchboard.licensing.Subject;
import org.switchboard.licensing.SubjectKind;

@Repository
public class Subjects {

    private final JdbcClient jdbc;

    Subjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Subject s, UUID customerId) {
        jdbc.sql("insert into licence_subjects (id, instance_id, customer_id, kind, extension, name, email, function_type,"
                + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.instanceId().value(), customerId, s.kind().name(), s.extension(), s.name(), s.email(),
                        s.functionType() == null ? null : s.functionType().name(), PoolStore.utc(s.createdAt()))
                .update();
    }

    public List<Subject> of(InstanceId instance) {
        return jdbc.sql("select * from licence_subjects where instance_id = ? order by extension")
                .param(instance.value()).query((rs, n) -> subject(rs)).list();
    }

    public Optional<Subject> find(InstanceId instance, UUID id) {
        return jdbc.sql("select * from licence_subjects where instance_id = ? and id = ?").params(instance.value(), id)
                .query((rs, n) -> subject(rs)).optional();
    }

    public boolean extensionTaken(InstanceId instance, String extension) {
        return jdbc.sql("select count(*) from licence_subjects where instance_id = ? and extension = ?")
                .params(instance.value(), extension).query(Integer.class).single() > 0;
    }

    public void delete(InstanceId instance, UUID id) {
        jdbc.sql("delete from licence_subjects where instance_id = ? and id = ?").params(instance.value(), id).update();
    }

    private static Subject subject(ResultSet rs) throws SQLException {
        String function = rs.getString("function_type");
        Instant created = PoolStore.instant(rs, rs.findColumn("created_at"));
        return new Subject(rs.getObject("id", UUID.class), new InstanceId(rs.getObject("instance_id", UUID.class)),
                SubjectKind.valueOf(rs.getString("kind")), rs.getString("extension"), rs.getString("name"),
                rs.getString("email"), function == null ? null : FunctionType.valueOf(function), created);
    }
}
