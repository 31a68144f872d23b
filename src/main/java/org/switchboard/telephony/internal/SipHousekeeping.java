package org.switchboard.telephony.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP core's periodic work while it runs: registrations expiring, overdue calls ending, call
 * records handed over to billing, old nonces purged, the registrations to customers' trunks renewed.
 */
final class SipHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(SipHousekeeping.class);

    private final Registrar registrar;
    private final CallRecordHandover records;
    private final Nonces nonces;
    private final CallEnding ending;
    private final TrunkRegistrations trunks;
    private final Clock clock;
    private final ScheduledExecutorService timers;

    SipHousekeeping(Registrar registrar, CallRecordHandover records, Nonces nonces, CallEnding ending,
            TrunkRegistrations trunks, Clock clock, ScheduledExecutorService timers) {
        this.registrar = registrar;
        this.records = records;
        this.nonces = nonces;
        this.ending = ending;
        this.trunks = trunks;
        this.clock = clock;
        this.timers = timers;
    }

    void start() {
        timers.scheduleWithFixedDelay(() -> guarded(() -> registrar.expire(Instant.now(clock))), 2, 2,
                TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> guarded(ending::endOverdue), 30, 30, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> guarded(records::handOverPending), 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> guarded(nonces::purge), 60, 60, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> guarded(trunks::tick), 2, 2, TimeUnit.SECONDS);
    }

    private static void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("SIP housekeeping failed: {}", e.getMessage());
        }
    }
}
