package org.switchboard.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.internal.CallRecords;
import org.switchboard.billing.internal.InvoiceRuns;
import org.switchboard.billing.internal.InvoiceRuns.Run;
import org.switchboard.platform.DatabaseOutage;
import org.switchboard.platform.RefusedException;

/**
 * The invoice run of a closed month: one invoice per customer, numbered at finalisation; and one
 * invoice per partner that bought for its customers as CSP (they get none from the platform) or
 * has charges of the partner programme (webinar seats), see {@link PartnerInvoicePolicy}.
 * <p>
 * Crash-safe by construction: starting a month creates its run row and one work item per
 * customer in one transaction, or nothing if the month has a run already. Items are then worked
 * off in batches; each batch claims its items with {@code SKIP LOCKED} and writes their invoices,
 * numbers, payments, events and the items' "done" in one transaction. A node killed mid-batch
 * rolls that batch back, numbers included, and whoever resumes the run (any node at start, the
 * operator starting the month again, the monthly job) takes those items again: no duplicate, no gap.
 * <p>
 * Each batch ({@link InvoiceRunBatches}) claims the calls and timeline changes it bills as billed
 * by this run, in the same transaction: the calls by the run's watermark, the highest call number
 * stored when the run was created; what is not billed yet (also of earlier months, whose records
 * or events came after their run) goes on the next invoice, so each call and change is billed
 * exactly once. A CSP partner's item does the same for the customers it buys for (their own items
 * are never claimed on their own), so their late calls and changes go on the partner's next invoice.
 * <p>
 * A node working off a run holds the run's lease and renews it every few seconds
 * ({@code switchboard.billing.run-lease}, 10 s by default). Every node checks every few seconds
 * ({@code switchboard.billing.run-takeover-check}) for unfinished runs whose lease lapsed, because
 * their node died or stopped on an error, takes their lease and completes them: a run orphaned by a
 * dead node is finished by the others by itself. Should two nodes work at the same run (a lease
 * renewed late), their batches still never overlap: the lease only decides who looks after a run.
 * <p>
 * Why this class is large: it is the one place of a run's life (create, resume, hold and renew the
 * lease, take over a lapsed one, finish), and those steps share the run row's lock and states;
 * composing and writing a batch's invoices is {@link InvoiceRunBatches}' and {@link InvoiceIssuing}'.
 */
@Service
public class InvoiceRun {

    private static final Logger log = LoggerFactory.getLogger(InvoiceRun.class);
    static final int BATCH = 200;
    /** How long a run waits for its database to come back before it stops (to be resumed later). */
    static final java.time.Duration OUTAGE_PATIENCE = java.time.Duration.ofMinutes(10);
    /** A run stopped by an error is taken over (tried again) by a node after this long. */
    static final java.time.Duration RETRY_AFTER_ERROR = java.time.Duration.ofMinutes(5);

    private final InvoiceRuns runs;
    private final InvoiceRunBatches batches;
    private final CallRecords calls;
    private final CustomerDirectory customers;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final BillingCalendar calendar;
    private final ObjectProvider<WholesaleTermsProvider> wholesaleTerms;
    private final ObjectProvider<PartnerChargeProvider> partnerCharges;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "invoice-run");
        t.setDaemon(true);
        return t;
    });
    /** This node, as the holder of runs' leases. */
    private final String node = nodeName();
    private final java.time.Duration lease;
    /** Batches of one run worked at once on this node (the calling thread and the rest from {@link #batchThreads}). */
    private final int threads;
    private final ExecutorService batchThreads;
    /** The runs this node works off (or has queued to), whose leases it renews. */
    private final java.util.Set<YearMonth> looking = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService renewer = Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "invoice-run-lease");
                t.setDaemon(true);
                return t;
            });

    InvoiceRun(InvoiceRuns runs, InvoiceRunBatches batches, CallRecords calls, CustomerDirectory customers,
            PlatformTransactionManager transactions, Clock clock, ObjectProvider<WholesaleTermsProvider> wholesaleTerms,
            ObjectProvider<PartnerChargeProvider> partnerCharges,
            @Value("${switchboard.billing.run-lease:10s}") java.time.Duration lease,
            @Value("${switchboard.billing.run-threads:2}") int threads) {
        this.lease = lease;
        this.threads = Math.max(1, threads);
        this.batchThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "invoice-run-batch");
            t.setDaemon(true);
            return t;
        });
        long renewEvery = Math.max(100, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        this.wholesaleTerms = wholesaleTerms;
        this.partnerCharges = partnerCharges;
        this.runs = runs;
        this.batches = batches;
        this.calls = calls;
        this.customers = customers;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.calendar = new BillingCalendar(clock.getZone());
    }

    /** Where a run stands: items done of all, invoices made, finished or not. */
    public record Progress(YearMonth month, Instant startedAt, String startedBy, Instant finishedAt, int customers,
            int done, int invoices, java.math.BigDecimal net, java.math.BigDecimal gross) {

        public int percent() {
            return customers == 0 ? 100 : (int) Math.floor(100.0 * done / customers);
        }

        static Progress of(Run r) {
            return new Progress(r.month(), r.startedAt(), r.startedBy(), r.finishedAt(), r.totalItems(), r.doneItems(),
                    r.invoices(), r.net(), r.gross());
        }
    }

    /** Operator: starts the run of a closed month (or resumes it) in the background. */
    public Progress start(CurrentUser user, YearMonth month) {
        user.requireOperator("manage billing");
        Progress progress = create(month, user.email());
        lookAfter(month);
        worker.submit(() -> complete(month));
        return progress;
    }

    /**
     * Creates the run and its work items if the month has none; refuses a month that has not ended,
     * and a new run while an earlier month's run is unfinished (each run bills what the runs
     * before it left, so they go in order).
     */
    public Progress create(YearMonth month, String by) {
        Instant now = clock.instant();
        if (now.isBefore(calendar.end(month))) {
            throw new RefusedException("month", "The month " + month + " has not ended yet: its run can start on "
                    + calendar.end(month).atZone(calendar.zone()).toLocalDate() + ".");
        }
        tx.executeWithoutResult(s -> {
            List<YearMonth> earlier = runs.find(month).isPresent() ? List.of() : runs.unfinishedBefore(month);
            if (!earlier.isEmpty()) {
                throw new RefusedException("month", "The invoice run of " + earlier.get(0)
                        + " is not finished yet: start it again to complete it, then the run of " + month + ".");
            }
            if (runs.create(month, now, by, calendar.end(month))) {
                addPartners(month);
                // Last: the call table stays locked against new call records from here to the commit.
                runs.setCallWatermark(month, calls.watermark());
            }
        });
        return progress(month).orElseThrow();
    }

    /**
     * In the transaction that creates the run: the customers whose CSP partner buys for them (at
     * its discount rate now) are marked with it, and the partner programme's charges made before
     * the month's end are taken in, each once; every such partner gets a work item.
     */
    private void addPartners(YearMonth month) {
        for (WholesaleTermsProvider.WholesaleBuyer buyer : wholesaleTerms.getIfAvailable(() -> WholesaleTermsProvider.NONE)
                .wholesaleBuyers()) {
            List<UUID> bought = customers.customersOf(buyer.partnerId()).stream().map(CustomerId::value).toList();
            if (!bought.isEmpty() && runs.assignBuyer(month, buyer.partnerId(), buyer.discountRate(), bought) > 0) {
                runs.addPartner(month, buyer.partnerId(), buyer.discountRate());
            }
        }
        Instant end = calendar.end(month);
        for (PartnerChargeProvider.PartnerCharge charge : partnerCharges.getIfAvailable(() -> PartnerChargeProvider.NONE)
                .chargesToInvoice()) {
            if (charge.chargedAt().isBefore(end) && runs.takeCharge(month, charge)) {
                runs.addPartner(month, charge.partnerId(), null);
            }
        }
        runs.countPartners(month);
    }

    /**
     * Works off the run's open items until none is left; safe to call on any number of nodes at once.
     * A batch that failed because the database was away (a restart, a failover to the standby) rolled
     * back whole, so it is simply tried again, after a pause growing to 30 s, for up to
     * {@link #OUTAGE_PATIENCE} without a batch getting through.
     */
    public Progress complete(YearMonth month) {
        long pauseMillis = 500;
        java.util.concurrent.atomic.AtomicLong lastProgress = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        looking.add(month);
        while (true) {
            try {
                runs.holdLease(month, node, lease);
                long before = lastProgress.get();
                workOff(month, lastProgress);
                if (lastProgress.get() != before) {
                    pauseMillis = 500;
                }
                tx.executeWithoutResult(s -> runs.finishIfComplete(month, clock.instant()));
                // Unfinished here only while another node's last batches are in flight: should that node
                // die, its lease lapses and the run is taken over. This node's lease lapses by itself.
                looking.remove(month);
                return progress(month).orElseThrow();
            } catch (RuntimeException e) {
                boolean outage = DatabaseOutage.isCause(e);
                if (!outage || System.nanoTime() - lastProgress.get() > OUTAGE_PATIENCE.toNanos()) {
                    looking.remove(month);
                    log.error("Invoice run {} stopped; a node takes it over in {} (or when it is started again)",
                            month, RETRY_AFTER_ERROR, e);
                    try {
                        runs.holdLease(month, node, RETRY_AFTER_ERROR);
                    } catch (RuntimeException notRecorded) {
                        log.warn("Invoice run {}: its lease could not be set for the retry ({})", month,
                                notRecorded.getMessage());
                    }
                    throw e;
                }
                log.warn("Invoice run {}: a batch failed because the database is not reachable ({}); trying again in"
                        + " {} ms", month, e.getMessage(), pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(30_000, pauseMillis * 2);
            }
        }
    }

    /**
     * Works off batches until none is left, {@link #threads} at once (the calling thread is one):
     * while one batch writes its invoices under the number series' lock, the next one reads and
     * sums its customers' calls. The batches never overlap (each claims its items with
     * {@code SKIP LOCKED}, as batches of different nodes do), and numbers stay gapless: each batch
     * reserves its block at its end and holds the series row until its commit. When a batch fails,
     * the other threads finish their batch and stop, and the failure goes to the caller.
     */
    private void workOff(YearMonth month, java.util.concurrent.atomic.AtomicLong lastProgress) {
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable loop = () -> {
            try {
                while (!failed.get() && processBatch(month, BATCH) > 0) {
                    lastProgress.set(System.nanoTime());
                }
            } catch (RuntimeException e) {
                failed.set(true);
                throw e;
            }
        };
        List<java.util.concurrent.Future<?>> others = new java.util.ArrayList<>();
        for (int n = 1; n < threads; n++) {
            others.add(batchThreads.submit(loop));
        }
        RuntimeException failure = null;
        try {
            loop.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (java.util.concurrent.Future<?> other : others) {
            try {
                other.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("Interrupted while the run's batches were worked off", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * One batch in one transaction (or in the caller's); answers how many customers (or, once no
     * customer is left, partners) it took.
     */
    public int processBatch(YearMonth month, int size) {
        return tx.execute(s -> batches.process(month, size));
    }

    public Optional<Progress> progress(YearMonth month) {
        return runs.find(month).map(Progress::of);
    }

    public List<Progress> all() {
        return runs.all().stream().map(Progress::of).toList();
    }

    /** This node looks after the run: takes its lease now and renews it until the run is done here. */
    private void lookAfter(YearMonth month) {
        looking.add(month);
        runs.holdLease(month, node, lease);
    }

    private void renewLeases() {
        for (YearMonth month : looking) {
            try {
                runs.holdLease(month, node, lease);
            } catch (RuntimeException e) {
                log.warn("Invoice run {}: its lease could not be renewed ({})", month, e.getMessage());
            }
        }
    }

    /**
     * Every node, every few seconds: takes over the unfinished runs whose node let their lease lapse
     * (it died, or stopped on an error) and completes them.
     */
    @Scheduled(fixedDelayString = "${switchboard.billing.run-takeover-check:5s}",
            initialDelayString = "${switchboard.billing.run-takeover-check:5s}")
    void takeOverOrphanedRuns() {
        List<YearMonth> orphaned = runs.takeLapsedLeases(node, lease);
        for (YearMonth month : orphaned) {
            log.info("Invoice run {}: the node working it off is gone (its lease lapsed); {} takes it over", month,
                    node);
            looking.add(month);
            worker.submit(() -> complete(month));
        }
    }

    /** The node holding the run's lease, if a node is working it off now. */
    public Optional<String> leaseHolder(YearMonth month) {
        return runs.leaseHolder(month);
    }

    @jakarta.annotation.PreDestroy
    void stopRenewing() {
        renewer.shutdownNow();
        batchThreads.shutdown();
    }

    private static String nodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A node that starts finishes what a stopped node left; on the 1st the month just ended is started. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeOnStart() {
        worker.submit(this::resumeUnfinished);
    }

    public void resumeUnfinished() {
        for (YearMonth month : runs.unfinished()) {
            complete(month);
        }
    }

    @Scheduled(cron = "${switchboard.billing.run-cron:0 30 0 1 * *}", zone = "${switchboard.time-zone:Europe/Berlin}")
    void monthly() {
        resumeUnfinished();
        YearMonth closed = calendar.monthOf(clock.instant()).minusMonths(1);
        create(closed, "system");
        complete(closed);
    }
}
