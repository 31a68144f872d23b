package org.switchboard.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.switchboard.accounts.CustomerId;

/** Asks the numbers module what to charge and composes the number lines of customers' invoices for a month. */
@Component
class NumberLines {

    private final ObjectProvider<NumberChargeProvider> provider;
    private final BillingCalendar calendar;

    NumberLines(ObjectProvider<NumberChargeProvider> provider, Clock clock) {
        this.provider = provider;
        this.calendar = new BillingCalendar(clock.getZone());
    }

    /** Each customer's number lines for the closed month (customers without any are left out). */
    Map<UUID, List<InvoiceLine>> of(YearMonth month, List<UUID> customers) {
        if (customers.isEmpty()) {
            return Map.of();
        }
        NumberChargeProvider numbers = provider.getIfAvailable(() -> NumberChargeProvider.NONE);
        List<CustomerId> ids = customers.stream().map(CustomerId::new).toList();
        Instant start = calendar.start(month);
        Instant end = calendar.end(month);
        Map<CustomerId, List<NumberChargeProvider.NumberCharge>> charges = numbers.charges(ids, start, end).stream()
                .collect(Collectors.groupingBy(NumberChargeProvider.NumberCharge::customerId));
        Map<CustomerId, List<NumberChargeProvider.NumberFee>> fees = numbers.fees(ids, start, end).stream()
                .collect(Collectors.groupingBy(NumberChargeProvider.NumberFee::customerId));
        Map<UUID, List<InvoiceLine>> lines = new HashMap<>();
        for (CustomerId id : ids) {
            List<InvoiceLine> own = NumberChargePolicy.compose(month, calendar, charges.getOrDefault(id, List.of()),
                    fees.getOrDefault(id, List.of()));
            if (!own.isEmpty()) {
                lines.put(id.value(), own);
            }
        }
        return lines;
    }

    /** The lines of a customer's invoice with its number lines after them. */
    static List<InvoiceLine> with(List<InvoiceLine> lines, List<InvoiceLine> numberLines) {
        if (numberLines == null || numberLines.isEmpty()) {
            return lines;
        }
        List<InvoiceLine> all = new ArrayList<>(lines);
        all.addAll(numberLines);
        return all;
    }
}
