package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingStoryIntegrationTest.berlin;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The invoice run as an operator and the machines see it: started twice, killed in the middle
 * and resumed, worked on by two nodes at once. Each time every customer gets one invoice and the
 * year's numbers run 1, 2, 3 ... without a gap.
 */
@RecordApplicationEvents
class InvoiceRunIntegrationTest extends IntegrationTestBase {

    @Autowired
    AccountFixtures accounts;
    @Autowired
    InvoiceRun run;
    @Autowired
    SubscriptionTimelines timelines;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ApplicationEvents events;

    @Test
    void aRunKilledMidwayIsCompletedWhenStartedAgainWithoutDuplicatesOrGaps() {
        List<CustomerAccount> customers = subscribedCustomers(5, berlin(2032, 2, 5, 9, 0));
        YearMonth february = YearMonth.of(2032, 2);
        clock.set(berlin(2032, 3, 1, 0, 30));
        int before = invoicesOf(february);
        run.create(february, "operator");
        int items = run.progress(february).orElseThrow().customers();
        assertThat(items).isGreaterThanOrEqualTo(5);

        // A node dies in the middle of a batch: nothing of that batch is kept, not even its numbers.
        TransactionTemplate killed = new TransactionTemplate(transactions);
        killed.executeWithoutResult(status -> {
            assertThat(run.processBatch(february, 3)).isEqualTo(3);
            status.setRollbackOnly();
        });
        assertThat(invoicesOf(february)).isEqualTo(before);
        assertThat(run.progress(february).orElseThrow().done()).isZero();

        // Another node completes one batch, then stops too.
        assertThat(run.processBatch(february, 2)).isEqualTo(2);
        assertThat(run.progress(february).orElseThrow().done()).isEqualTo(2);
        assertThat(run.progress(february).orElseThrow().finishedAt()).isNull();
        assertThat(events.stream(InvoicesFinalised.class)).isNotEmpty();

        // A node starts and resumes what was left.
        run.resumeUnfinished();
        InvoiceRun.Progress done = run.progress(february).orElseThrow();
        assertThat(done.finishedAt()).isNotNull();
        assertThat(done.done()).isEqualTo(items);
        assertThat(done.percent()).isEqualTo(100);
        for (CustomerAccount c : customers) {
            assertThat(invoicesOf(c, february)).as(c.email()).isEqualTo(1);
        }
        assertGapless(2032);

        // Started again by the operator: nothing new.
        int invoices = invoicesOf(february);
        Response again = new Api(port).as(OPERATOR_EMAIL, PASSWORD).post("/api/v1/invoice-runs", Map.of("month", "2032-02"));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("finished").asBoolean()).isTrue();
        run.complete(february);
        assertThat(invoicesOf(february)).isEqualTo(invoices);
        assertGapless(2032);
    }

    @Test
    void twoNodesWorkingOnOneRunMakeEachInvoiceOnce() throws Exception {
        List<CustomerAccount> customers = subscribedCustomers(6, berlin(2032, 5, 3, 9, 0));
        YearMonth may = YearMonth.of(2032, 5);
        clock.set(berlin(2032, 6, 1, 0, 30));
        run.create(may, "operator");
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<InvoiceRun.Progress>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(nodes.submit(() -> {
                    while (run.processBatch(may, 1) > 0) {
                        // one customer at a time, so that the two nodes interleave
                    }
                    return run.complete(may);
                }));
            }
            for (Future<InvoiceRun.Progress> f : both) {
                f.get();
            }
        } finally {
            nodes.shutdown();
        }
        for (CustomerAccount c : customers) {
            assertThat(invoicesOf(c, may)).isEqualTo(1);
        }
        assertThat(run.progress(may).orElseThrow().finishedAt()).isNotNull();
        assertGapless(2032);
    }

    @Test
    void aMonthThatHasNotEndedCannotBeRun() {
        clock.set(berlin(2032, 8, 31, 23, 59));
        Response refused = new Api(port).as(OPERATOR_EMAIL, PASSWORD).post("/api/v1/invoice-runs", Map.of("month", "2032-08"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("field")).isEqualTo("month");
        Response bad = new Api(port).as(OPERATOR_EMAIL, PASSWORD).post("/api/v1/invoice-runs", Map.of("month", "August"));
        assertThat(bad.status()).isEqualTo(400);
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("P"), "C", true);
        Response forbidden = new Api(port).as(customer.email(), PASSWORD).post("/api/v1/invoice-runs", Map.of("month", "2032-07"));
        assertThat(forbidden.status()).isEqualTo(403);
    }

    // ---- helpers --------------------------------------------------------------------------------

    List<CustomerAccount> subscribedCustomers(int count, java.time.Instant at) {
        clock.set(at);
        List<CustomerAccount> customers = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        var partner = accounts.verifiedPartner("Run Partner");
        for (int i = 0; i < count; i++) {
            CustomerAccount c = accounts.invitedCustomer(partner, "Run Customer " + i, true);
            customers.add(c);
            instances.add(SubscriptionFixtures.subscribe(port, c, "PBX", 3 + i));
        }
        for (String id : instances) {
            SubscriptionFixtures.awaitTimeline(timelines, id, 1);
        }
        return customers;
    }

    int invoicesOf(YearMonth month) {
        return jdbc.sql("select count(*) from billing_invoices where month = :m").param("m", month.toString())
                .query(Integer.class).single();
    }

    int invoicesOf(CustomerAccount c, YearMonth month) {
        return jdbc.sql("select count(*) from billing_invoices where month = :m and customer_id = :c")
                .param("m", month.toString()).param("c", c.id().value()).query(Integer.class).single();
    }

    /** The invoice numbers of a year are 1..n, each once. */
    void assertGapless(int year) {
        List<Integer> numbers = jdbc.sql("""
                select cast(substring(number from 6) as integer) from billing_invoices
                where kind = 'INVOICE' and number like :y order by 1""").param("y", year + "-%")
                .query(Integer.class).list();
        assertThat(numbers).isNotEmpty();
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).isEqualTo(i + 1);
        }
        int last = jdbc.sql("select last_number from billing_number_series where series = 'INV' and year = :y")
                .param("y", year).query(Integer.class).single();
        assertThat(last).isEqualTo(numbers.size());
    }
}
