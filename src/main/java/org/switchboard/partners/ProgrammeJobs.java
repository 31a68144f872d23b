package org.switchboard.partners;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.partners.internal.Runs;

/**
 * What time does in the programme. On the first run of each month (the 1st, or the first day the
 * platform runs after it): the statements of the month before, then the evaluation of every
 * partner. Every run: yearly reviews due, and leads whose 72 hours ran out move on. The monthly
 * part is claimed with an advisory lock and a row written in the same transaction, so with several
 * nodes it runs exactly once and a crash leaves it to be done again.
 */
@Service
public class ProgrammeJobs {

    private static final Logger log = LoggerFactory.getLogger(ProgrammeJobs.class);
    static final String MONTHLY = "MONTHLY";

    private final LevelReview review;
    private final CommissionLedger ledger;
    private final LeadManagement leads;
    private final Runs runs;
    private final TransactionTemplate tx;
    private final Clock clock;

    ProgrammeJobs(LevelReview review, CommissionLedger ledger, LeadManagement leads, Runs runs, TransactionTemplate tx, Clock clock) {
        this.review = review;
        this.ledger = ledger;
        this.leads = leads;
        this.runs = runs;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${switchboard.partners.job-interval:3600000}",
            initialDelayString = "${switchboard.partners.job-interval:3600000}")
    void scheduled() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.error("Partner programme run failed; it is repeated at the next run", e);
        }
    }

    /** Does what is due today; safe to call any time, from any node. */
    public void runDue() {
        LocalDate today = LocalDate.now(clock);
        runMonthly(YearMonth.from(today), today);
        tx.executeWithoutResult(s -> review.reviewDue(today));
        leads.handOnExpired();
    }

    /** The monthly run of {@code month}: statements of the month before, evaluation of all partners. */
    public boolean runMonthly(YearMonth month, LocalDate today) {
        Boolean ran = tx.execute(s -> {
            if (!runs.claim(MONTHLY, month.toString())) {
                return false;
            }
            int statements = ledger.issueStatements(month.minusMonths(1));
            int changes = review.evaluateAll(today);
            runs.done(MONTHLY, month.toString(), clock.instant());
            log.info("Partner programme {}: {} statements issued, {} level decisions", month, statements, changes);
            return true;
        });
        return Boolean.TRUE.equals(ran);
    }
}
