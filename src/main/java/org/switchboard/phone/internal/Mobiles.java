package org.switchboard.phone.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.UserId;
import org.switchboard.instances.InstanceId;

/** Pairing codes (kept as hashes, used once) and the mobile devices paired with them. */
@Repository
public class Mobiles {

    public record Code(String hash, UserId user, InstanceId instance, Instant expiresAt, Instant usedAt) {
    }

    /** A paired mobile; {@code sipDevice} is its own SIP device (none for apps paired before they got one). */
    public record Mobile(UUID id, UserId user, UUID customerId, InstanceId instance, String name, Instant pairedAt,
            Instant unpairedAt, UUID sipDevice) {
    }

    /** A mobile with its own SIP device, if it has one. */
    private static final String SELECT_MOBILE = "select m.*, d.sip_device_id from phone_mobiles m"
            + " left join phone_mobile_devices d on d.mobile_id = m.id";

    private final JdbcClient jdbc;

    Mobiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertCode(String hash, UserId user, InstanceId instance, Instant expiresAt) {
        jdbc.sql("insert into phone_pairing_codes (code_hash, user_id, instance_id, expires_at) values (?, ?, ?, ?)")
                .params(hash, user.value(), instance.value(), utc(expiresAt)).update();
    }

    /** The code, locked so that it pairs one device only. */
    public Optional<Code> lockCode(String hash) {
        return jdbc.sql("select * from phone_pairing_codes where code_hash = ? for update").param(hash)
                .query((rs, n) -> new Code(rs.getString("code_hash"), new UserId(rs.getObject("user_id", UUID.class)),
                        new InstanceId(rs.getObject("instance_id", UUID.class)), instant(rs, "expires_at"),
                        instant(rs, "used_at"))).optional();
    }

    /** The user's unused codes stop working (a newer one replaces them). */
    public void retireCodes(UserId user, Instant at) {
        jdbc.sql("update phone_pairing_codes set used_at = ? where user_id = ? and used_at is null")
                .params(utc(at), user.value()).update();
    }

    public void useCode(String hash, Instant at) {
        jdbc.sql("update phone_pairing_codes set used_at = ? where code_hash = ?").params(utc(at), hash).update();
    }

    public void insert(Mobile m, String tokenHash) {
        jdbc.sql("""
                insert into phone_mobiles (id, user_id, customer_id, instance_id, name, token_hash, paired_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), m.user().value(), m.customerId(), m.instance().value(), m.name(), tokenHash,
                        utc(m.pairedAt())).update();
        if (m.sipDevice() != null) {
            jdbc.sql("insert into phone_mobile_devices (mobile_id, customer_id, instance_id, sip_device_id)"
                    + " values (?, ?, ?, ?)").params(m.id(), m.customerId(), m.instance().value(), m.sipDevice()).update();
        }
    }

    public List<Mobile> pairedOf(UserId user) {
        return jdbc.sql(SELECT_MOBILE + " where m.user_id = ? and m.unpaired_at is null order by m.paired_at")
                .param(user.value()).query((rs, n) -> map(rs)).list();
    }

    public Optional<Mobile> paired(UUID id) {
        return jdbc.sql(SELECT_MOBILE + " where m.id = ? and m.unpaired_at is null for update of m").param(id)
                .query((rs, n) -> map(rs)).optional();
    }

    public Optional<Mobile> pairedByToken(UUID id, String tokenHash) {
        return jdbc.sql(SELECT_MOBILE + " where m.id = ? and m.token_hash = ? and m.unpaired_at is null for update of m")
                .params(id, tokenHash).query((rs, n) -> map(rs)).optional();
    }

    public void unpair(UUID id, Instant at) {
        jdbc.sql("update phone_mobiles set unpaired_at = ? where id = ? and unpaired_at is null").params(utc(at), id)
                .update();
    }

    private static Mobile map(ResultSet rs) throws SQLException {
        return new Mobile(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)),
                rs.getObject("customer_id", UUID.class), new InstanceId(rs.getObject("instance_id", UUID.class)),
                rs.getString("name"), instant(rs, "paired_at"), instant(rs, "unpaired_at"),
                rs.getObject("sip_device_id", UUID.class));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
