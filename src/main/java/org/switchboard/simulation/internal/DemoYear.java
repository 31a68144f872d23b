package org.switchboard.simulation.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.switchboard.accounts.DemoAccountsCreated;
import org.switchboard.simulation.SimulationReport;
import org.switchboard.simulation.SimulationSettings;

/**
 * The demo's year: right after a first start created the demo accounts, a small business year is
 * played on the platform's own database, so that every page has real content (invoices with
 * their PDFs and calls, credit notes, statements, payouts, partners above Registered, licence
 * history). The demo partner is the first partner of that world and Demo Office KG one of its
 * customers, with a branch office bought at the start of the year. While it plays, the
 * application's clock stands in the past; afterwards it follows the system's time again.
 * Switched off by {@code switchboard.demo.year.enabled=false} (tests do not play it unless they ask).
 * <p>
 * Stopping the platform while the year plays ends it where it stands, before the modules it uses
 * stop: the stop waits (at most {@link #STOP_WAIT}) until the year's next step sees it and ends. The
 * months played so far stay, the rest is not played at a later start (a year is played from its
 * seeded beginning, not resumed), and the log says so in one line instead of reporting an error.
 */
class DemoYear {

    private static final Logger log = LoggerFactory.getLogger(DemoYear.class);
    private static final long SEED = 1;
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final SimulationService simulation;
    private final SimulationClock clock;
    private final EventsSettled settled;
    private final int partners;
    private final int customers;
    private final int workdays;
    private volatile SimulationReport report;
    private volatile boolean over;
    private volatile boolean stopping;
    private volatile boolean playing;

    DemoYear(SimulationService simulation, SimulationClock clock, EventsSettled settled,
            int partners, int customers, int workdays) {
        this.simulation = simulation;
        this.clock = clock;
        this.settled = settled;
        this.partners = partners;
        this.customers = customers;
        this.workdays = workdays;
    }

    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void on(DemoAccountsCreated demo) {
        playing = true;
        try {
            play(demo);
        } catch (RuntimeException e) {
            if (e instanceof Stopped || stopping) {
                log.warn("Demo year: ended by the platform's stop while {} was played; the months before it stay,"
                        + " the rest of the year is not played (for the whole year: a new data folder)",
                        YearMonth.from(LocalDate.now(clock)));
            } else {
                log.error("Demo year: stopped by an error; the demo accounts stay as the first start made them", e);
            }
        } finally {
            clock.follow();
            over = true;
        }
    }

    /**
     * The platform is stopping: the year ends at its next step (the simulated clock's next move), and
     * the stop waits for that, so the year does not fail on modules already stopped.
     */
    @EventListener(ContextClosedEvent.class)
    void stopping() throws InterruptedException {
        stopping = true;
        long until = System.nanoTime() + STOP_WAIT.toNanos();
        while (playing && !over && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    /** The year ended by the stop. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("the platform is stopping", null, false, false);
        }
    }

    /** The demo year's report; null before it was played, or when it stopped by an error or had nothing to play. */
    SimulationReport report() {
        return report;
    }

    /** Whether the demo year is over (played, stopped by an error, or nothing to play). */
    boolean over() {
        return over;
    }

    private void play(DemoAccountsCreated demo) {
        // What the other modules do with the demo accounts (the busy customer's phone system) first.
        settled.awaitOthersThan(DemoYear.class.getName(), Duration.ofSeconds(60));
        YearMonth current = YearMonth.from(LocalDate.now(clock));
        YearMonth from = current.minusMonths(12);
        YearMonth first = simulation.firstMonthForSale().orElse(current);
        if (from.isBefore(first)) {
            from = first;
        }
        YearMonth to = current.minusMonths(1);
        if (to.isBefore(from)) {
            log.info("Demo year: no whole month since plan Basic is for sale ({}); nothing to play", first);
            return;
        }
        SimulationSettings settings = new SimulationSettings(from, to, partners, customers, SEED, workdays, true);
        log.info("Demo year: playing {} to {} with {} partners and {} customers (progress below, monthly)", from, to,
                partners, customers);
        World.Adopted adopted = new World.Adopted(demo.demoPartner(), demo.partnerAdmin(), "partner@demo.test",
                "Demo Partner", demo.busyCustomer(), demo.busyCustomerAdminEmail(), "Demo Office KG", "DE246813579");
        Ledger ledger = simulation.ledger(settings);
        // Nobody logs in as the simulated partners and customers of the demo: a password no one knows.
        ledger.password = "demo year " + java.util.UUID.randomUUID();
        report = simulation.run(ledger, instant -> {
            if (stopping) {
                throw new Stopped();
            }
            clock.set(instant);
        }, adopted);
        clock.follow();
        log.info("Demo year ready in {}: {} invoices, {} statements, {} calls billed; {}",
                org.switchboard.simulation.Simulation.seconds(report.took()), report.counts().get("invoices"),
                report.counts().get("statements"), report.counts().get("calls billed"),
                report.reconciled() ? "reconciled to the cent" : report.mismatches().size() + " mismatches:\n"
                        + report.text());
    }
}
