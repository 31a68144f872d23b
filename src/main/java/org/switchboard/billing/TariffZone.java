package org.switchboard.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A destination zone: the E.164 prefixes (digits after the +) it covers, the price per minute
 * (up to 4 decimals, net), the billing increment and a fee per answered call.
 */
public record TariffZone(UUID id, String name, List<String> prefixes, BigDecimal pricePerMinute, Increment increment,
        BigDecimal connectFee) {

    public TariffZone {
        prefixes = List.copyOf(prefixes);
    }
}
