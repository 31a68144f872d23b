package org.switchboard.numbers.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.NumberChargeProvider;

/** What billing asks the numbers module (through the interface billing defines): charges and fees of customers. */
@Component
class NumberChargesForBilling implements NumberChargeProvider {

    private final Charges charges;

    NumberChargesForBilling(Charges charges) {
        this.charges = charges;
    }

    @Override
    @Transactional(readOnly = true)
    public List<NumberCharge> charges(List<CustomerId> customers, Instant from, Instant to) {
        List<UUID> ids = customers.stream().map(CustomerId::value).toList();
        return charges.overlapping(ids, from, to).stream()
                .map(c -> new NumberCharge(c.id(), c.customerId(), c.instanceId(), c.description(), c.monthlyNet(),
                        c.from(), c.until()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<NumberFee> fees(List<CustomerId> customers, Instant from, Instant to) {
        List<UUID> ids = customers.stream().map(CustomerId::value).toList();
        return charges.fees(ids, from, to).stream()
                .map(f -> new NumberFee(f.id(), f.customerId(), f.instanceId(), f.description(), f.net(), f.at()))
                .toList();
    }
}
