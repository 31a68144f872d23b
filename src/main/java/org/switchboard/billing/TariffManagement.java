package org.switchboard.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.internal.TariffZones;
import org.switchboard.platform.NotFoundException;

/** The operator's tariff zones: list, add, change, remove. Calls are rated with the zones in force when they arrive. */
@Service
public class TariffManagement {

    /** A zone as the operator enters it. */
    public record ZoneCommand(String name, List<String> prefixes, BigDecimal pricePerMinute, String increment,
            BigDecimal connectFee) {
    }

    private final TariffZones zones;
    private final Clock clock;

    TariffManagement(TariffZones zones, Clock clock) {
        this.zones = zones;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Tariff tariff() {
        return new Tariff(zones.all());
    }

    @Transactional
    public TariffZone create(CurrentUser user, ZoneCommand c) {
        return save(user, UUID.randomUUID(), c);
    }

    @Transactional
    public TariffZone update(CurrentUser user, UUID id, ZoneCommand c) {
        user.requireOperator("manage billing");
        if (zones.all().stream().noneMatch(z -> z.id().equals(id))) {
            throw new NotFoundException("There is no tariff zone " + id);
        }
        return save(user, id, c);
    }

    @Transactional
    public void delete(CurrentUser user, UUID id) {
        user.requireOperator("manage billing");
        if (!zones.delete(id)) {
            throw new NotFoundException("There is no tariff zone " + id);
        }
    }

    private TariffZone save(CurrentUser user, UUID id, ZoneCommand c) {
        user.requireOperator("manage billing");
        zones.lock();
        List<TariffZone> others = zones.all().stream().filter(z -> !z.id().equals(id)).toList();
        Tariff.check(c.name(), c.prefixes(), c.pricePerMinute(), c.increment(), c.connectFee(), others);
        TariffZone zone = new TariffZone(id, c.name().trim(),
                c.prefixes().stream().map(Tariff::normalizePrefix).toList(), c.pricePerMinute().setScale(4),
                Increment.byCode(c.increment()).orElseThrow(), c.connectFee().setScale(4));
        zones.save(zone, clock.instant());
        return zone;
    }
}
