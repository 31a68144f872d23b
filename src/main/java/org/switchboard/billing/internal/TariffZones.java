package org.switchboard.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.billing.Increment;
import org.switchboard.billing.TariffZone;

/** The operator's tariff zones and their prefixes. */
@Repository
public class TariffZones {

    private final JdbcClient jdbc;

    TariffZones(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<TariffZone> all() {
        Map<UUID, List<String>> prefixes = new LinkedHashMap<>();
        jdbc.sql("select zone_id, prefix from billing_tariff_prefixes order by length(prefix), prefix")
                .query(rs -> {
                    prefixes.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return jdbc.sql("select id, name, price_per_minute, increment, connect_fee from billing_tariff_zones order by name")
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new TariffZone(id, rs.getString("name"), prefixes.getOrDefault(id, List.of()),
                            rs.getBigDecimal("price_per_minute"), Increment.byCode(rs.getString("increment")).orElseThrow(),
                            rs.getBigDecimal("connect_fee"));
                }).list();
    }

    /** Serialises changes of the tariff, so that two operators' checks of overlapping prefixes cannot both pass. */
    public void lock() {
        jdbc.sql("lock table billing_tariff_zones in share row exclusive mode").update();
    }

    public void save(TariffZone zone, Instant at) {
        jdbc.sql("""
                insert into billing_tariff_zones (id, name, price_per_minute, increment, connect_fee, updated_at)
                values (:id, :name, :price, :inc, :fee, :at)
                on conflict (id) do update set name = excluded.name, price_per_minute = excluded.price_per_minute,
                  increment = excluded.increment, connect_fee = excluded.connect_fee, updated_at = excluded.updated_at""")
                .param("id", zone.id()).param("name", zone.name()).param("price", zone.pricePerMinute())
                .param("inc", zone.increment().code()).param("fee", zone.connectFee()).param("at", Timestamp.from(at))
                .update();
        jdbc.sql("delete from billing_tariff_prefixes where zone_id = :id").param("id", zone.id()).update();
        for (String prefix : zone.prefixes()) {
            jdbc.sql("insert into billing_tariff_prefixes (prefix, zone_id) values (:p, :id)")
                    .param("p", prefix).param("id", zone.id()).update();
        }
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from billing_tariff_zones where id = :id").param("id", id).update() > 0;
    }
}
