package org.switchboard.catalog.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceList;
import org.switchboard.catalog.PriceListId;
import org.switchboard.catalog.Tier;

/** The price list versions of all plans, with their tiers. */
@Repository
public class PriceLists {

    private final JdbcClient jdbc;

    PriceLists(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PriceList> byId(PriceListId id) {
        return load("where p.id = :id", Map.of("id", id.value())).stream().findFirst();
    }

    /** The version in force on a day: the latest effective on or before it. */
    public Optional<PriceList> inForce(Plan plan, LocalDate on) {
        return load("""
                where p.id = (select id from price_lists
                              where plan = :plan and effective_from <= :on
                              order by effective_from desc limit 1)""",
                Map.of("plan", plan.name(), "on", Date.valueOf(on))).stream().findFirst();
    }

    public List<PriceList> versionsOf(Plan plan) {
        return load("where p.plan = :plan", Map.of("plan", plan.name()));
    }

    public int latestVersion(Plan plan) {
        return jdbc.sql("select coalesce(max(version), 0) from price_lists where plan = :plan")
                .param("plan", plan.name()).query(Integer.class).single();
    }

    public Optional<LocalDate> latestEffectiveFrom(Plan plan) {
        return jdbc.sql("select max(effective_from) from price_lists where plan = :plan")
                .param("plan", plan.name()).query((rs, n) -> rs.getDate(1)).optional()
                .map(Date::toLocalDate);
    }

    public void insert(PriceList list, Instant createdAt) {
        jdbc.sql("""
                insert into price_lists (id, plan, version, effective_from, list_price, currency, created_at)
                values (:id, :plan, :version, :from, :price, :currency, :created)""")
                .param("id", list.id().value()).param("plan", list.plan().name()).param("version", list.version())
                .param("from", Date.valueOf(list.effectiveFrom())).param("price", list.listPrice().amount())
                .param("currency", list.listPrice().currency().getCurrencyCode())
                .param("created", Timestamp.from(createdAt))
                .update();
        for (Tier tier : list.tiers()) {
            jdbc.sql("""
                    insert into price_list_tiers (price_list_id, from_concurrent_users, to_concurrent_users, discount_percent)
                    values (:list, :from, :to, :discount)""")
                    .param("list", list.id().value()).param("from", tier.from()).param("to", tier.to())
                    .param("discount", tier.discountPercent())
                    .update();
        }
    }

    private List<PriceList> load(String where, Map<String, ?> params) {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.sql("""
                select p.id, p.plan, p.version, p.effective_from, p.list_price, p.currency,
                       t.from_concurrent_users, t.to_concurrent_users, t.discount_percent
                from price_lists p join price_list_tiers t on t.price_list_id = p.id
                """ + where + " order by p.plan, p.version, t.from_concurrent_users")
                .params(params)
                .query((ResultSet rs) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    rows.computeIfAbsent(id, key -> row(rs)).tiers.add(tier(rs));
                });
        return rows.values().stream().map(Row::toPriceList).toList();
    }

    private static Row row(ResultSet rs) {
        try {
            return new Row(new PriceListId(rs.getObject("id", UUID.class)), Plan.valueOf(rs.getString("plan")),
                    rs.getInt("version"), rs.getDate("effective_from").toLocalDate(),
                    new Money(rs.getBigDecimal("list_price"), Currency.getInstance(rs.getString("currency"))),
                    new ArrayList<>());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Tier tier(ResultSet rs) throws SQLException {
        int to = rs.getInt("to_concurrent_users");
        Integer upper = rs.wasNull() ? null : to;
        BigDecimal discount = rs.getBigDecimal("discount_percent");
        return new Tier(rs.getInt("from_concurrent_users"), upper, discount);
    }

    private record Row(PriceListId id, Plan plan, int version, LocalDate effectiveFrom, Money listPrice, List<Tier> tiers) {

        PriceList toPriceList() {
            return new PriceList(id, plan, version, effectiveFrom, listPrice, tiers);
        }
    }
}
