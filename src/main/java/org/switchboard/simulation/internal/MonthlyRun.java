package org.switchboard.simulation.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.billing.InvoiceRun;
import org.switchboard.partners.PartnerPayouts;
import org.switchboard.partners.ProgrammeJobs;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * The 1st of a month: the partners' levels noted at 00:29, the invoice run of the month before at
 * 00:30, the partner programme's run (statements, evaluation, yearly reviews) at 02:00 and a
 * payout batch of the statements at 03:00.
 */
@Component
class MonthlyRun {

    private static final Logger log = LoggerFactory.getLogger(MonthlyRun.class);

    private final AccountManagement accounts;
    private final InvoiceRun invoiceRun;
    private final ProgrammeJobs programme;
    private final PartnerPayouts payouts;
    private final EventsSettled settled;

    MonthlyRun(AccountManagement accounts, InvoiceRun invoiceRun, ProgrammeJobs programme, PartnerPayouts payouts,
            EventsSettled settled) {
        this.accounts = accounts;
        this.invoiceRun = invoiceRun;
        this.programme = programme;
        this.payouts = payouts;
        this.settled = settled;
    }

    /**
     * Every other night at 02:00 the partner programme's job, as the application runs it every
     * hour: a yearly review is held on its day, and leads not answered in time are handed on.
     */
    void night(Ledger ledger, LocalDate day, Consumer<Instant> setClock) {
        World.at(setClock, ledger, day, LocalTime.of(2, 0));
        programme.runDue();
        settled.await();
    }

    void monthStart(Ledger ledger, YearMonth closed, LocalDate day, Consumer<Instant> setClock) {
        settled.await();
        World.at(setClock, ledger, day, LocalTime.of(0, 29));
        for (PartnerRecord p : ledger.partners) {
            ledger.levels.computeIfAbsent(p.id(), x -> new TreeMap<>()).put(day,
                    accounts.partner(World.operator(), p.id()).level().name());
        }
        World.at(setClock, ledger, day, LocalTime.of(0, 30));
        invoiceRun.create(closed, "simulation");
        invoiceRun.complete(closed);
        ledger.invoicedMonths.add(closed);
        settled.await();
        World.at(setClock, ledger, day, LocalTime.of(2, 0));
        programme.runDue();
        settled.await();
        World.at(setClock, ledger, day, LocalTime.of(3, 0));
        payouts.createBatch(World.operator(), day).ifPresent(batch -> ledger.payouts
                .add(new Ledger.Payout(day, batch.total().amount(), batch.transfers())));
        log.info("Simulation: {} invoiced, {} customers, {} calls so far", closed, ledger.customers.size(),
                ledger.calls.size());
    }
}
