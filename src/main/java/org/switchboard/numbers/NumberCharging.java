package org.switchboard.numbers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.catalog.Money;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceDirectory;
import org.switchboard.instances.InstanceId;
import org.switchboard.numbers.internal.Charges;
import org.switchboard.numbers.internal.Ranges;

/**
 * Keeps an instance's number charges in line with its ranges and subscription: called after an
 * order, a release, a porting in or out, and on every subscription event.
 */
@Service
public class NumberCharging {

    private final Ranges ranges;
    private final Charges charges;
    private final InstanceDirectory directory;

    NumberCharging(Ranges ranges, Charges charges, InstanceDirectory directory) {
        this.ranges = ranges;
        this.charges = charges;
        this.directory = directory;
    }

    /**
     * Brings the instance's charges in line with its ranges and subscription now: ranges that
     * became charged start a charge at {@code at}, ranges no longer charged end theirs. Prices are
     * those in force when a charge starts.
     */
    @Transactional
    public void recharge(InstanceId id, Instant at) {
        charges.lockInstance(id);
        Optional<Instance> found = directory.find(id);
        Map<UUID, Money> wanted = Map.of();
        NumberPrices prices = ranges.prices();
        List<NumberRange> held = ranges.ofInstance(id).stream()
                .filter(r -> r.state() == NumberState.ACTIVE || r.state() == NumberState.PORTING_OUT).toList();
        if (found.isPresent() && found.get().status().hasSubscription() && !found.get().isNfr()) {
            wanted = NumberChargePolicy.charged(held.stream()
                    .map(r -> new NumberChargePolicy.Held(r.id(), r.kind(), r.size())).toList(),
                    found.get().licensedConcurrentUsers(), prices);
        }
        List<Charges.Charge> open = charges.open(id);
        Map<UUID, Money> charged = wanted;
        for (Charges.Charge charge : open) {
            if (!charged.containsKey(charge.rangeId())) {
                charges.close(charge.id(), at);
            }
        }
        String name = found.map(Instance::name).orElse("");
        for (NumberRange r : held) {
            Money net = charged.get(r.id());
            if (net != null && open.stream().noneMatch(ch -> ch.rangeId().equals(r.id()))) {
                charges.open(r.id(), r.customerId(), id, name + ": number " + r.label(), net, at);
            }
        }
    }
}
