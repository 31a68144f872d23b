package org.switchboard.simulation.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.TariffManagement;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceList;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.licensing.ReclaimPause;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.simulation.ExpectedMoney;
import org.switchboard.simulation.Simulation;
import org.switchboard.simulation.SimulationReport;
import org.switchboard.simulation.SimulationSettings;

@Service
class SimulationService implements Simulation {

    private static final Logger log = LoggerFactory.getLogger(SimulationService.class);

    private static final CurrentUser OPERATOR = World.operator();

    private final World world;
    private final Reconciliation reconciliation;
    private final Catalog catalog;
    private final AccountManagement accounts;
    private final TariffManagement tariffs;
    private final Clock clock;
    private final ReclaimPause reclaimPause;
    private final InstanceManagement instances;
    private Ledger last;
    private boolean lastExclusive;

    SimulationService(World world, Reconciliation reconciliation, Catalog catalog, AccountManagement accounts,
            TariffManagement tariffs, Clock clock, ReclaimPause reclaimPause, InstanceManagement instances) {
        this.reclaimPause = reclaimPause;
        this.instances = instances;
        this.world = world;
        this.reconciliation = reconciliation;
        this.catalog = catalog;
        this.accounts = accounts;
        this.tariffs = tariffs;
        this.clock = clock;
    }

    /** Whether the database holds partners or customers (anything besides the first start's operator). */
    boolean holdsData() {
        return !accounts.partners(OPERATOR).isEmpty() || !accounts.customers(OPERATOR).isEmpty();
    }

    /** A new ledger of the settings, with the operator's tariff zones as they are now. */
    Ledger ledger(SimulationSettings s) {
        List<ExpectedMoney.Zone> tariff = tariffs.tariff().zones().stream().map(z -> {
            String[] inc = z.increment().code().split("/");
            return new ExpectedMoney.Zone(z.name(), List.copyOf(z.prefixes()), z.pricePerMinute(),
                    Integer.parseInt(inc[0]), Integer.parseInt(inc[1]), z.connectFee());
        }).toList();
        Ledger ledger = new Ledger(s, clock.getZone(), tariff);
        ledger.trialConcurrentUsers = instances.trialConcurrentUsers();
        return ledger;
    }

    @Override
    public Optional<YearMonth> firstMonthForSale() {
        return catalog.priceListVersions(Plan.BASIC).stream().map(PriceList::effectiveFrom).min(LocalDate::compareTo)
                .map(d -> d.getDayOfMonth() == 1 ? YearMonth.from(d) : YearMonth.from(d).plusMonths(1));
    }

    @Override
    public SimulationReport run(SimulationSettings settings, Consumer<Instant> setClock) {
        return run(ledger(settings), setClock, null);
    }

    /** Plays the ledger's period, taking in the first start's {@code adopted} accounts (may be null), and reconciles it. */
    synchronized SimulationReport run(Ledger fresh, Consumer<Instant> setClock, World.Adopted adopted) {
        SimulationSettings settings = fresh.settings;
        YearMonth first = firstMonthForSale().orElseThrow(() -> new InvalidInputException("from",
                "The plan Basic has no price list: nothing can be sold"));
        if (settings.from().isBefore(first)) {
            throw new InvalidInputException("from", "The plan Basic is for sale from " + first
                    + " (its first price list): start the period there or later, not in " + settings.from());
        }
        if (settings.playedFrom().isBefore(first)) {
            throw new InvalidInputException("founders", "Founders buy in the year before the period ("
                    + settings.playedFrom() + " on), but plan Basic is for sale from " + first
                    + ": start the period in " + first.plusMonths(12) + " or later, or play without founders");
        }
        boolean exclusive = !holdsData();
        if (!exclusive && !settings.allowExistingData()) {
            throw new ConflictException("allow-existing-data", "The database holds partners or customers the "
                    + "simulation did not create; run it on an empty database, or give --allow-existing-data");
        }
        long started = System.nanoTime();
        log.info("Simulation {} to {}: {} partners, {} customers, seed {}", settings.from(), settings.to(),
                settings.partners(), settings.customers(), settings.seed());
        Ledger ledger;
        // The simulated desktop clients send no heartbeats: the scheduled reclaim waits, so a seed plays one world.
        try (ReclaimPause.Held held = reclaimPause.hold()) {
            ledger = world.play(fresh, setClock, adopted);
        }
        // Kept to be reconciled again (the command, the tests); not the demo year's, which would stay
        // in the running application's memory for good.
        last = adopted == null ? ledger : null;
        lastExclusive = exclusive;
        SimulationReport report = reconciliation.reconcile(ledger, Duration.ofNanos(System.nanoTime() - started),
                exclusive);
        log.info("Simulation done in {}: {} mismatches", Simulation.seconds(report.took()), report.mismatches().size());
        return report;
    }

    @Override
    public synchronized SimulationReport reconcileAgain() {
        if (last == null) {
            throw new IllegalStateException("No simulation ran yet (the demo year's ledger is not kept)");
        }
        return reconciliation.reconcile(last, Duration.ZERO, lastExclusive);
    }
}
