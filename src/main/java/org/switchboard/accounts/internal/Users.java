package org.switchboard.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.Role;

@Repository
public class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserRow> byEmail(String email) {
        return jdbc.sql("select * from users where email = :email").param("email", email)
                .query((rs, n) -> map(rs)).optional();
    }

    public Optional<UserRow> byId(UUID id) {
        return jdbc.sql("select * from users where id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
    }

    public List<UserRow> ofCustomer(UUID customerId) {
        return jdbc.sql("select * from users where customer_id = :c order by created_at").param("c", customerId)
                .query((rs, n) -> map(rs)).list();
    }

    public List<UserRow> ofPartner(UUID partnerId) {
        return jdbc.sql("select * from users where partner_id = :p order by created_at").param("p", partnerId)
                .query((rs, n) -> map(rs)).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    public void insert(UserRow user) {
        jdbc.sql("""
                insert into users (id, email, name, password_hash, role, partner_id, customer_id, email_verified_at, created_at)
                values (:id, :email, :name, :hash, :role, :partner, :customer, :verified, :created)""")
                .param("id", user.id()).param("email", user.email()).param("name", user.name())
                .param("hash", user.passwordHash()).param("role", user.role().name())
                .param("partner", user.partnerId()).param("customer", user.customerId())
                .param("verified", ts(user.emailVerifiedAt())).param("created", ts(user.createdAt()))
                .update();
    }

    /** Removes an employee user with its mailed links; no other user is ever removed. */
    public boolean deleteEmployee(UUID id) {
        jdbc.sql("delete from account_tokens where user_id = :id").param("id", id).update();
        return jdbc.sql("delete from users where id = :id and role = 'EMPLOYEE'").param("id", id).update() == 1;
    }

    public void setPassword(UUID id, String hash) {
        jdbc.sql("update users set password_hash = :hash where id = :id").param("hash", hash).param("id", id).update();
    }

    public void markVerified(UUID id, Instant at) {
        jdbc.sql("update users set email_verified_at = coalesce(email_verified_at, :at) where id = :id")
                .param("at", ts(at)).param("id", id).update();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static UserRow map(ResultSet rs) throws SQLException {
        return new UserRow(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
                rs.getObject("partner_id", UUID.class), rs.getObject("customer_id", UUID.class),
                instant(rs, "email_verified_at"), instant(rs, "created_at"));
    }
}
