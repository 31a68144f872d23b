package org.switchboard.phone.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.UserId;
import org.switchboard.instances.InstanceId;
import org.switchboard.phone.Employee;

/** Employees who are users, by user and by instance. */
@Repository
public class PhoneEmployees {

    private final JdbcClient jdbc;

    PhoneEmployees(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Employee e) {
        jdbc.sql("""
                insert into phone_employees (user_id, customer_id, instance_id, subject_id, extension, name, device_id,
                    sip_user, invited_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.userId().value(), e.customerId().value(), e.instanceId().value(), e.subjectId(),
                        e.extension(), e.name(), e.deviceId(), e.sipUser(), e.invitedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Removes the employee with its pairing codes and paired mobiles. */
    public void delete(UserId user) {
        jdbc.sql("delete from phone_mobile_devices where mobile_id in (select id from phone_mobiles where user_id = ?)")
                .param(user.value()).update();
        jdbc.sql("delete from phone_employees where user_id = ?").param(user.value()).update();
    }

    public Optional<Employee> byUser(UserId user) {
        return jdbc.sql("select * from phone_employees where user_id = ?").param(user.value())
                .query((rs, n) -> map(rs)).optional();
    }

    public boolean subjectTaken(InstanceId instance, UUID subjectId) {
        return jdbc.sql("select exists (select 1 from phone_employees where instance_id = ? and subject_id = ?)")
                .params(instance.value(), subjectId).query(Boolean.class).single();
    }

    public List<Employee> of(InstanceId instance) {
        return jdbc.sql("select * from phone_employees where instance_id = ? order by extension")
                .param(instance.value()).query((rs, n) -> map(rs)).list();
    }

    private static Employee map(ResultSet rs) throws SQLException {
        return new Employee(new UserId(rs.getObject("user_id", UUID.class)),
                new CustomerId(rs.getObject("customer_id", UUID.class)),
                new InstanceId(rs.getObject("instance_id", UUID.class)), rs.getObject("subject_id", UUID.class),
                rs.getString("extension"), rs.getString("name"), rs.getObject("device_id", UUID.class),
                rs.getString("sip_user"), rs.getObject("invited_at", OffsetDateTime.class).toInstant());
    }
}
