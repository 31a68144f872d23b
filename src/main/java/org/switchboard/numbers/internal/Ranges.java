package org.switchboard.numbers.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceId;
import org.switchboard.numbers.NumberPrices;
import org.switchboard.numbers.NumberRange;
import org.switchboard.numbers.NumberRange.Kind;
import org.switchboard.numbers.NumberRange.Source;
import org.switchboard.numbers.NumberState;

/** The number inventory: ranges, their numbers, and the operator's settings. */
@Repository
public class Ranges {

    private final JdbcClient jdbc;

    Ranges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises imports and porting orders, so that two of them never take overlapping numbers. */
    public void lockInventory() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('numbers-inventory'))").query().singleValue();
    }

    /**
     * A number already held that clashes with a new range: one of its numbers, or a number that is a
     * prefix of it or that it is a prefix of (both could not be dialled apart).
     */
    public Optional<String> clash(String base) {
        List<String> prefixes = new ArrayList<>();
        for (int i = 4; i <= base.length(); i++) {
            prefixes.add(base.substring(0, i));
        }
        return jdbc.sql("select e164 from numbers where e164 like :base or e164 = any(:prefixes) order by e164 limit 1")
                .param("base", base + "%").param("prefixes", prefixes.toArray(String[]::new))
                .query(String.class).optional();
    }

    public void insert(NumberRange r, String by) {
        jdbc.sql("insert into number_ranges (id, source, kind, base, extension_digits, size, country, area_code, city,"
                + " state, customer_id, instance_id, local_address, activated_at, quarantined_until, created_at, created_by)"
                + " values (:id, :source, :kind, :base, :digits, :size, :country, :area, :city, :state, :customer,"
                + " :instance, :address, :activated, :quarantined, :created, :by)")
                .param("id", r.id()).param("source", r.source().name()).param("kind", r.kind().name())
                .param("base", r.base()).param("digits", r.extensionDigits()).param("size", r.size())
                .param("country", r.country()).param("area", r.areaCode()).param("city", r.city())
                .param("state", r.state().name())
                .param("customer", r.customerId() == null ? null : r.customerId().value())
                .param("instance", r.instanceId() == null ? null : r.instanceId().value())
                .param("address", r.localAddress()).param("activated", utc(r.activatedAt()))
                .param("quarantined", utc(r.quarantinedUntil())).param("created", utc(r.createdAt())).param("by", by)
                .update();
        List<String> numbers = r.numbers();
        jdbc.sql("insert into numbers (e164, range_id) select unnest(:numbers), :range")
                .param("numbers", numbers.toArray(String[]::new)).param("range", r.id()).update();
    }

    public Optional<NumberRange> find(UUID id) {
        return jdbc.sql("select * from number_ranges where id = ?").param(id).query((rs, n) -> range(rs)).optional();
    }

    /** The range, locked for the caller's transaction. */
    public Optional<NumberRange> lock(UUID id) {
        return jdbc.sql("select * from number_ranges where id = ? for update").param(id).query((rs, n) -> range(rs))
                .optional();
    }

    /** The range holding this number. */
    public Optional<NumberRange> ofNumber(String e164) {
        return jdbc.sql("select r.* from numbers n join number_ranges r on r.id = n.range_id where n.e164 = ?")
                .param(e164).query((rs, n) -> range(rs)).optional();
    }

    public List<NumberRange> all(String state, String areaCode, int limit) {
        return jdbc.sql("select * from number_ranges where (cast(:state as varchar) is null or state = :state)"
                + " and (cast(:area as varchar) is null or area_code = :area) order by area_code, base limit :limit")
                .param("state", state).param("area", areaCode).param("limit", limit)
                .query((rs, n) -> range(rs)).list();
    }

    /** An instance's ranges (active, porting in or out), in the order they became its own. */
    public List<NumberRange> ofInstance(InstanceId instance) {
        return jdbc.sql("select * from number_ranges where instance_id = ? and state in ('ACTIVE', 'PORTING_IN',"
                + " 'PORTING_OUT') order by activated_at nulls last, created_at, base")
                .param(instance.value()).query((rs, n) -> range(rs)).list();
    }

    /** Area codes with free ranges: area code, city, free singles, free blocks of 10, 100, 1,000. */
    public record FreeArea(String areaCode, String city, int singles, int blocks10, int blocks100, int blocks1000) {
    }

    public List<FreeArea> freeAreas(Instant now) {
        return jdbc.sql("select area_code, min(city) as city,"
                + " count(*) filter (where kind = 'SINGLE') as singles,"
                + " count(*) filter (where kind = 'BLOCK' and size = 10) as b10,"
                + " count(*) filter (where kind = 'BLOCK' and size = 100) as b100,"
                + " count(*) filter (where kind = 'BLOCK' and size = 1000) as b1000"
                + " from number_ranges where source = 'INVENTORY' and (state = 'AVAILABLE'"
                + " or (state = 'QUARANTINED' and quarantined_until <= :now)) group by area_code order by area_code")
                .param("now", utc(now))
                .query((rs, n) -> new FreeArea(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6)))
                .list();
    }

    /** Free ranges of an area code and size, to choose from. */
    public List<NumberRange> free(String areaCode, Kind kind, int size, Instant now, int limit) {
        return jdbc.sql("select * from number_ranges where source = 'INVENTORY' and area_code = :area and kind = :kind"
                + " and size = :size and (state = 'AVAILABLE' or (state = 'QUARANTINED' and quarantined_until <= :now))"
                + " order by base limit :limit")
                .param("area", areaCode).param("kind", kind.name()).param("size", size).param("now", utc(now))
                .param("limit", limit).query((rs, n) -> range(rs)).list();
    }

    /**
     * Takes the first free range of an area code and size for the caller's transaction, skipping
     * ranges other transactions (on any node) are taking at this moment.
     */
    public Optional<NumberRange> claimFree(String areaCode, Kind kind, int size, Instant now) {
        return jdbc.sql("select * from number_ranges where source = 'INVENTORY' and area_code = :area and kind = :kind"
                + " and size = :size and (state = 'AVAILABLE' or (state = 'QUARANTINED' and quarantined_until <= :now))"
                + " order by base limit 1 for update skip locked")
                .param("area", areaCode).param("kind", kind.name()).param("size", size).param("now", utc(now))
                .query((rs, n) -> range(rs)).optional();
    }

    public void activate(UUID range, CustomerId customer, InstanceId instance, String localAddress, Instant at) {
        jdbc.sql("update number_ranges set state = 'ACTIVE', customer_id = ?, instance_id = ?, local_address = ?,"
                + " activated_at = ?, quarantined_until = null where id = ?")
                .params(customer.value(), instance.value(), localAddress, utc(at), range).update();
    }

    /** A ported range arrives: active from now. */
    public void activatePorted(UUID range, Instant at) {
        jdbc.sql("update number_ranges set state = 'ACTIVE', activated_at = ? where id = ? and state = 'PORTING_IN'")
                .params(utc(at), range).update();
    }

    public void setState(UUID range, NumberState state) {
        jdbc.sql("update number_ranges set state = ? where id = ?").params(state.name(), range).update();
    }

    /** Released: no one's any more, handed out again from {@code until}; where its numbers went is forgotten. */
    public void quarantine(UUID range, Instant until) {
        jdbc.sql("delete from number_assignments where e164 in (select e164 from numbers where range_id = ?)")
                .param(range).update();
        jdbc.sql("delete from number_caller_ids where e164 in (select e164 from numbers where range_id = ?)")
                .param(range).update();
        jdbc.sql("update number_ranges set state = 'QUARANTINED', customer_id = null, instance_id = null,"
                + " local_address = null, activated_at = null, quarantined_until = ? where id = ?")
                .params(utc(until), range).update();
    }

    /** Ported out: no one's any more and never handed out again; where its numbers went is forgotten. */
    /** Records a step of a range porting out. */
    public void portingOutStep(UUID range, String step, java.time.LocalDate date, String provider, String note,
            Instant at, String by) {
        jdbc.sql("insert into porting_out_steps (id, range_id, step, porting_on, provider, note, at, by_user)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), range, step, date, provider, note, utc(at), by).update();
    }

    /** The steps of a range's porting out, oldest first. */
    public List<org.switchboard.numbers.PortingOut.StepRecord> portingOutSteps(UUID range) {
        return jdbc.sql("select step, porting_on, provider, note, at, by_user from porting_out_steps where range_id = ?"
                + " order by at, seq").param(range)
                .query((rs, n) -> new org.switchboard.numbers.PortingOut.StepRecord(rs.getString("step"),
                        rs.getObject("porting_on", java.time.LocalDate.class), rs.getString("provider"),
                        rs.getString("note"), rs.getTimestamp("at").toInstant(), rs.getString("by_user")))
                .list();
    }

    public void portedOut(UUID range) {
        jdbc.sql("delete from number_assignments where e164 in (select e164 from numbers where range_id = ?)")
                .param(range).update();
        jdbc.sql("delete from number_caller_ids where e164 in (select e164 from numbers where range_id = ?)")
                .param(range).update();
        jdbc.sql("update number_ranges set state = 'PORTED_OUT', customer_id = null, instance_id = null,"
                + " local_address = null where id = ?").param(range).update();
    }

    /** A ported range that never arrived (its order was cancelled) is forgotten. */
    public void deletePorted(UUID range) {
        jdbc.sql("delete from number_ranges where id = ? and source = 'PORTED' and state = 'PORTING_IN'").param(range)
                .update();
    }

    public List<String> numbersOf(UUID range) {
        return jdbc.sql("select e164 from numbers where range_id = ? order by e164").param(range).query(String.class)
                .list();
    }

    // ---- settings ------------------------------------------------------------------------------

    public NumberPrices prices() {
        return jdbc.sql("select * from number_settings where id = 1").query((rs, n) -> new NumberPrices(
                rs.getInt("quarantine_months"), Money.euros(rs.getBigDecimal("single_monthly_net")),
                Money.euros(rs.getBigDecimal("block10_monthly_net")), Money.euros(rs.getBigDecimal("block100_monthly_net")),
                Money.euros(rs.getBigDecimal("block1000_monthly_net")), Money.euros(rs.getBigDecimal("porting_fee_net")),
                instant(rs, "updated_at"), rs.getString("updated_by"))).single();
    }

    public void updatePrices(int quarantineMonths, BigDecimal single, BigDecimal block10, BigDecimal block100,
            BigDecimal block1000, BigDecimal portingFee, Instant at, String by) {
        jdbc.sql("update number_settings set quarantine_months = ?, single_monthly_net = ?, block10_monthly_net = ?,"
                + " block100_monthly_net = ?, block1000_monthly_net = ?, porting_fee_net = ?, updated_at = ?,"
                + " updated_by = ? where id = 1")
                .params(quarantineMonths, single, block10, block100, block1000, portingFee, utc(at), by).update();
    }

    // ---- helpers -------------------------------------------------------------------------------

    static NumberRange range(ResultSet rs) throws SQLException {
        UUID customer = rs.getObject("customer_id", UUID.class);
        UUID instance = rs.getObject("instance_id", UUID.class);
        return new NumberRange(rs.getObject("id", UUID.class), Source.valueOf(rs.getString("source")),
                Kind.valueOf(rs.getString("kind")), rs.getString("base"), rs.getInt("extension_digits"),
                rs.getString("country"), rs.getString("area_code"), rs.getString("city"),
                NumberState.valueOf(rs.getString("state")), customer == null ? null : new CustomerId(customer),
                instance == null ? null : new InstanceId(instance), rs.getString("local_address"),
                instant(rs, "activated_at"), instant(rs, "quarantined_until"), instant(rs, "created_at"));
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
