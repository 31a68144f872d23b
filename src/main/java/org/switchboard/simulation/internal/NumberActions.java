package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.stereotype.Component;
import org.switchboard.numbers.NumberInventory;
import org.switchboard.numbers.NumberInventory.ImportRange;
import org.switchboard.numbers.NumberOrdering;
import org.switchboard.numbers.NumberOrdering.OrderNumbers;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.simulation.ExpectedMoney;
import org.switchboard.simulation.internal.Ledger.InstanceRecord;

/**
 * Extra numbers: every other phone system bought without a trial orders a block of 10 numbers in
 * Deggendorf (area code 0991) 1 to 10 days after it was bought, the operator importing a free block into the
 * inventory just before. Each concurrent user includes one number, and a block is included only
 * when the count covers all of it: below 10 users the block costs the operator's monthly price of
 * a block of 10, from the order on and from every change that brings the count below 10, until a
 * change brings it to 10 or more or the phone system is deactivated. With {@link #lines} the
 * reconciliation computes the invoice lines of those charge periods by the product's pro-rata rule.
 */
@Component
class NumberActions {

    static final String AREA = "0991";
    private static final int BLOCK = 10;

    private final NumberInventory inventory;
    private final NumberOrdering ordering;
    private final Clock clock;

    NumberActions(NumberInventory inventory, NumberOrdering ordering, Clock clock) {
        this.inventory = inventory;
        this.ordering = ordering;
        this.clock = clock;
    }

    /** Perhaps a block for the phone system bought or tried on {@code on} (a random of its own: the world plays as without). */
    void plan(Plan plan, InstanceRecord record, LocalDate on, long seed, int index) {
        if (record.trial || index % 2 != 0) {
            return;
        }
        Random random = new Random(seed * 7919 + index);
        plan.add(on.plusDays(1 + random.nextInt(10)), LocalTime.of(9, 15), l -> order(l, record, random));
    }

    private void order(Ledger ledger, InstanceRecord record, Random random) {
        Instant now = clock.instant();
        if (!record.subscribedAt(now) || record.downgradeRequested) {
            return;
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            String base = "+49991" + (200_000 + random.nextInt(800_000));
            try {
                inventory.importRange(World.operator(), new ImportRange("BLOCK", null, base, 1, AREA, "Deggendorf"));
                break;
            } catch (ConflictException | InvalidInputException taken) {
                // held already (another run on this database): try another base number
            }
        }
        ordering.order(record.customer.admin(), record.id, new OrderNumbers(AREA, "BLOCK", BLOCK, null,
                "Marktplatz 1", "94469", "Deggendorf", true));
        record.blockOrderedAt = now;
        ledger.block10Price = inventory.prices().block10().amount();
        ledger.count("blocks of 10 numbers ordered");
    }

    /** The charge periods of the phone system's block: [from, until), until null while it runs. */
    static List<Instant[]> periods(InstanceRecord record) {
        List<Instant[]> periods = new ArrayList<>();
        if (record.blockOrderedAt == null) {
            return periods;
        }
        List<Instant> at = new ArrayList<>();
        at.add(record.blockOrderedAt);
        record.changes.stream().map(Ledger.Change::at).filter(t -> t.isAfter(record.blockOrderedAt)).forEach(at::add);
        Instant open = null;
        for (Instant t : at) {
            int cu = record.concurrentUsersAt(t);
            boolean charged = cu > 0 && cu < BLOCK;
            if (charged && open == null) {
                open = t;
            } else if (!charged && open != null) {
                periods.add(new Instant[] { open, t });
                open = null;
            }
        }
        if (open != null) {
            periods.add(new Instant[] { open, null });
        }
        return periods;
    }

    /**
     * The number lines of {@code month} at {@code price} a month: a period that started in the
     * month pro rata from its start (to its end if it ended in the month too); one paid in advance
     * that ended in the month credited for the rest of it; one running into the next month that
     * month in advance. Pro rata by the minute, rounded once to the cent.
     */
    static List<BigDecimal> lines(InstanceRecord record, YearMonth month, BigDecimal price, ZoneId zone) {
        List<BigDecimal> lines = new ArrayList<>();
        Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        long minutes = ExpectedMoney.minutesIn(month, zone);
        for (Instant[] p : periods(record)) {
            Instant from = p[0];
            Instant until = p[1];
            if (!from.isBefore(start) && from.isBefore(end)) {
                Instant stop = until == null || until.isAfter(end) ? end : until;
                long used = Duration.between(minute(from), minute(stop)).toMinutes();
                if (used > 0) {
                    lines.add(part(price, used, minutes));
                }
            } else if (from.isBefore(start) && until != null && !until.isBefore(start) && until.isBefore(end)) {
                long left = Duration.between(minute(until), end).toMinutes();
                if (left > 0) {
                    lines.add(part(price.negate(), left, minutes));
                }
            }
            if (from.isBefore(end) && (until == null || until.isAfter(end))) {
                lines.add(price);
            }
        }
        return lines;
    }

    private static Instant minute(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    private static BigDecimal part(BigDecimal net, long minutes, long ofMonth) {
        return net.multiply(BigDecimal.valueOf(minutes)).divide(BigDecimal.valueOf(ofMonth), 2, RoundingMode.HALF_UP);
    }
}
