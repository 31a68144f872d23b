package org.switchboard.numbers;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.catalog.Money;
import org.switchboard.numbers.internal.Charges;
import org.switchboard.numbers.internal.PortingOrders;
import org.switchboard.numbers.internal.Ranges;
import org.switchboard.numbers.internal.TrunkStore;
import org.switchboard.numbers.PortingRequest.PortedNumbers;

/**
 * Completes confirmed porting orders on their date: the numbers become active on the instance
 * and route calls, charges are brought in line, the porting fee is charged, the customer told.
 */
@Service
public class PortingCompletion {

    private static final Logger log = LoggerFactory.getLogger(PortingCompletion.class);

    private final PortingOrders orders;
    private final Ranges ranges;
    private final Charges charges;
    private final NumberCharging charging;
    private final NumberMails mails;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TrunkStore trunks;

    PortingCompletion(PortingOrders orders, Ranges ranges, Charges charges, NumberCharging charging, NumberMails mails,
            Clock clock, PlatformTransactionManager transactions, TrunkStore trunks) {
        this.trunks = trunks;
        this.orders = orders;
        this.ranges = ranges;
        this.charges = charges;
        this.charging = charging;
        this.mails = mails;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Completes the confirmed orders whose porting date has come: their numbers become active on
     * the instance (and route calls; a number the instance's own trunk carried leaves the trunk), numbers beyond the included ones start to cost, the porting
     * fee is charged. Any node may run it: each order is claimed with {@code SKIP LOCKED}.
     */
    @Scheduled(cron = "${switchboard.numbers.porting-cron:0 5 * * * *}", zone = "${switchboard.time-zone:Europe/Berlin}")
    public int completeDue() {
        int done = 0;
        while (true) {
            Integer batch = tx.execute(s -> {
                List<UUID> due = orders.claimDue(today(), 20);
                due.forEach(this::complete);
                return due.size();
            });
            if (batch == null || batch == 0) {
                return done;
            }
            done += batch;
        }
    }

    private void complete(UUID orderId) {
        PortingOrder order = orders.find(orderId).orElseThrow();
        if (!order.dueOn(today())) {
            return;
        }
        Instant now = clock.instant();
        for (UUID range : orders.ranges(orderId)) {
            ranges.activatePorted(range, now);
        }
        for (PortedNumbers n : order.request().numbers()) {
            trunks.handOverToPlatform(order.instanceId(), n.base(), n.extensionDigits()); // off the customer's trunk
        }
        orders.setStatus(orderId, PortingStatus.COMPLETED, now);
        orders.step(orderId, now, "system", PortingStatus.COMPLETED, "ported on " + order.portingDate());
        Money fee = ranges.prices().portingFeePerNumber();
        int count = order.request().count();
        if (fee.greaterThanZero()) {
            charges.addFee(order.customerId(), order.instanceId(), "Porting of " + count + " number"
                    + (count == 1 ? "" : "s") + " (" + order.numbersLabel() + ")", fee.times(count), now);
        }
        charging.recharge(order.instanceId(), now);
        log.info("Porting order {} completed: {} numbers active", orderId, count);
        mails.porting(order, "Numbers ported", "the numbers " + order.numbersLabel() + " were ported from "
                + order.request().provider() + " today and are active on your phone system: calls to them reach it now.");
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
