package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingStoryIntegrationTest.amounts;
import static org.switchboard.billing.BillingStoryIntegrationTest.berlin;
import static org.switchboard.billing.BillingStoryIntegrationTest.call;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.connector.CallRecord;
import org.switchboard.instances.InstanceEvents.SubscriptionUpgraded;
import org.switchboard.instances.InstanceId;
import org.switchboard.testing.Api.Response;

import tools.jackson.databind.JsonNode;

/**
 * What comes after its month's run is billed by the next one, once: call records of October sent
 * after October's run, an upgrade whose event reached billing after November's run, a call
 * record stored while its month's run works. Every amount to the cent; 10 CU cost 8.90 x 10 = 89.00
 * a month, 16 CU 8.01 x 16 = 128.16, 30 CU 7.57 x 30 = 227.10.
 */
class LateBillingIntegrationTest extends BillingIntegrationTestBase {

    @Autowired
    CallRecording recording;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void callRecordsOfOctoberSentAfterOctobersRunAreOnNovembersInvoiceOnce() throws Exception {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Late Partner"), "Late Calls GmbH", true);
        String id = sold(customer, "Head office", 10, berlin(2033, 10, 1, 0, 0));
        clock.set(berlin(2033, 10, 21, 9, 0));
        // German fixed, 60/60: 61 s are 2 minutes x 0.0190 = 0.0380
        Map<String, Object> c1 = call("c1", "+4930901820", berlin(2033, 10, 20, 10, 0), 61, "OUTBOUND", "platform");
        assertThat(cdrs(customer, id, List.of(c1)).json().path("stored").asInt()).isEqualTo(1);

        clock.set(berlin(2033, 11, 1, 0, 30));
        runMonth(YearMonth.of(2033, 10));
        JsonNode october = invoice(customer, "2033-10");
        // October from its first instant: 89.00; November in advance: 89.00; airtime 0.0380 -> 0.04
        assertThat(amounts(october.path("lines"))).containsExactly("89.00", "89.00", "0.04");

        // On 6 November the phone system sends an October call it had missed, a November call, and c1 again
        // (a call record comes after its call: the platform refuses one that ends in the future).
        clock.set(berlin(2033, 11, 6, 9, 0));
        // German mobile, 60/1: 90 s x 0.0890 / 60 = 0.1335; German fixed: 30 s are 1 minute = 0.0190
        Map<String, Object> c2 = call("c2", "+491701234567", berlin(2033, 10, 25, 10, 0), 90, "OUTBOUND", "platform");
        Map<String, Object> c3 = call("c3", "+4930901820", berlin(2033, 11, 5, 10, 0), 30, "OUTBOUND", "platform");
        Response batch = cdrs(customer, id, List.of(c1, c2, c3));
        assertThat(batch.json().path("stored").asInt()).isEqualTo(2);
        assertThat(batch.json().path("duplicates").asInt()).isEqualTo(1);

        // The preview shows the late October calls beside November's.
        Response preview = as(customer.email()).get("/api/v1/instances/" + id + "/invoice-preview");
        assertThat(amounts(preview.json().path("lines"))).containsExactly("89.00", "0.13", "0.02");

        clock.set(berlin(2033, 12, 1, 0, 30));
        runMonth(YearMonth.of(2033, 11));
        JsonNode november = invoice(customer, "2033-11");
        JsonNode lines = november.path("lines");
        // December in advance 89.00; October's late mobile call 0.1335 -> 0.13; November's fixed call 0.0190 -> 0.02
        assertThat(amounts(lines)).containsExactly("89.00", "0.13", "0.02");
        assertThat(lines.get(1).path("description").asString())
                .isEqualTo("Head office: airtime German mobile, October 2033 (late call records, itemised in the appendix)");
        assertThat(lines.get(1).path("periodFrom").asString()).isEqualTo(berlin(2033, 10, 1, 0, 0).toString());
        assertThat(lines.get(2).path("description").asString())
                .isEqualTo("Head office: airtime German fixed (itemised in the appendix)");
        // 89.15 net, VAT 16.9385 -> 16.94, gross 106.09
        assertThat(november.path("totals").path("net").decimalValue()).isEqualByComparingTo("89.15");
        assertThat(november.path("totals").path("vat").decimalValue()).isEqualByComparingTo("16.94");
        assertThat(november.path("totals").path("gross").decimalValue()).isEqualByComparingTo("106.09");
        // Each call is itemised on the invoice that billed it.
        JsonNode novemberCalls = as(customer.email()).get("/api/v1/invoices/" + november.path("id").asString() + "/calls").json();
        assertThat(novemberCalls).extracting(c -> c.path("callId").asString()).containsExactly("c2", "c3");
        assertThat(novemberCalls.get(0).path("charge").decimalValue()).isEqualByComparingTo("0.1335");
        JsonNode octoberCalls = as(customer.email()).get("/api/v1/invoices/" + october.path("id").asString() + "/calls").json();
        assertThat(octoberCalls).extracting(c -> c.path("callId").asString()).containsExactly("c1");

        // Started again, November's run makes nothing new.
        Response again = as(OPERATOR_EMAIL).post("/api/v1/invoice-runs", Map.of("month", "2033-11"));
        assertThat(again.status()).isEqualTo(202);
        run.complete(YearMonth.of(2033, 11));
        assertThat(invoices(customer)).hasSize(2);

        // A December call whose recording transaction is still open when December's run is created: the
        // run takes its watermark with the call records locked, so it waits for that transaction and
        // bills the call on December's invoice (had it not waited, the call would be lost for every run).
        clock.set(berlin(2034, 1, 1, 0, 30));
        // A January call recorded in the half hour before December's run: within the run's watermark but
        // after its cut-off, so December's run defers it and January's bills it as January's.
        recording.record(new InstanceId(UUID.fromString(id)), customer.id(),
                List.of(BillingFixtures.outbound("+4930901822", berlin(2034, 1, 1, 0, 10), 61)));
        CallRecord inFlight = BillingFixtures.outbound("+4930901820", berlin(2033, 12, 20, 10, 0), 61);
        CountDownLatch stored = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService connector = Executors.newFixedThreadPool(2);
        try {
            Future<?> sending = connector.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                recording.record(new InstanceId(UUID.fromString(id)), customer.id(), List.of(inFlight));
                stored.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> creating = connector.submit(() -> run.create(YearMonth.of(2033, 12), "operator"));
            Thread.sleep(300);
            release.countDown();
            sending.get(30, TimeUnit.SECONDS);
            creating.get(30, TimeUnit.SECONDS);
        } finally {
            connector.shutdown();
        }
        // A December call stored after December's run was created is beyond its watermark: January's
        // run bills it, as late.
        recording.record(new InstanceId(UUID.fromString(id)), customer.id(),
                List.of(BillingFixtures.outbound("+4930901821", berlin(2033, 12, 21, 10, 0), 61)));
        assertThat(run.complete(YearMonth.of(2033, 12)).finishedAt()).isNotNull();
        // December: January in advance and the December call (61 s at 60/60 = 0.0380 -> 0.04); nothing of
        // October or November again.
        assertThat(amounts(invoice(customer, "2033-12").path("lines"))).containsExactly("89.00", "0.04");

        clock.set(berlin(2034, 2, 1, 0, 30));
        runMonth(YearMonth.of(2034, 1));
        JsonNode january = invoice(customer, "2034-01");
        // February in advance 89.00; the later December call 0.0380 -> 0.04, labelled late; the January call
        // December's run deferred 0.0380 -> 0.04
        assertThat(amounts(january.path("lines"))).containsExactly("89.00", "0.04", "0.04");
        assertThat(january.path("lines").get(1).path("description").asString()).contains("December 2033 (late call records");
        assertThat(january.path("lines").get(2).path("description").asString())
                .isEqualTo("Head office: airtime German fixed (itemised in the appendix)");
        JsonNode januaryCalls = as(customer.email()).get("/api/v1/invoices/" + january.path("id").asString() + "/calls").json();
        assertThat(januaryCalls).extracting(c -> c.path("to").asString()).containsExactly("+4930901821", "+4930901822");
        JsonNode decemberCalls = as(customer.email())
                .get("/api/v1/invoices/" + invoice(customer, "2033-12").path("id").asString() + "/calls").json();
        assertThat(decemberCalls).extracting(c -> c.path("to").asString()).containsExactly("+4930901820");
        assertThat(invoices(customer)).hasSize(4);
    }

    @Test
    void anUpgradeRecordedAfterNovembersRunIsOnDecembersInvoiceOnce() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Late Partner"), "Late Upgrade GmbH", true);
        String id = sold(customer, "Head office", 16, berlin(2034, 11, 10, 10, 0));

        clock.set(berlin(2034, 12, 1, 0, 30));
        runMonth(YearMonth.of(2034, 11));
        // 128.16 x 29,640 / 43,200 = 87.93; December in advance at 16 CU
        assertThat(amounts(invoice(customer, "2034-11").path("lines"))).containsExactly("87.93", "128.16");

        // The upgrade of 17 November 12:00 reaches billing only now (its event was delivered late).
        clock.set(berlin(2034, 12, 1, 1, 0));
        new TransactionTemplate(transactions).executeWithoutResult(s -> events.publishEvent(new SubscriptionUpgraded(
                new InstanceId(UUID.fromString(id)), customer.id(), Plan.BASIC, 16, Money.euros("128.16"), Plan.BASIC, 30,
                Money.euros("227.10"), berlin(2034, 11, 17, 12, 0))));
        SubscriptionFixtures.awaitTimeline(timelines, id, 2);

        Response preview = as(customer.email()).get("/api/v1/instances/" + id + "/invoice-preview");
        assertThat(amounts(preview.json().path("lines"))).containsExactly("44.52", "98.94", "227.10");

        clock.set(berlin(2035, 1, 1, 0, 30));
        runMonth(YearMonth.of(2034, 12));
        JsonNode december = invoice(customer, "2034-12");
        JsonNode lines = december.path("lines");
        // rest of November: (227.10 - 128.16) x 19,440 / 43,200 = 44.523 -> 44.52
        // December, paid in advance at 128.16: 98.94 x 44,640 / 44,640 = 98.94; January in advance: 227.10
        assertThat(amounts(lines)).containsExactly("44.52", "98.94", "227.10");
        assertThat(lines.get(0).path("description").asString()).isEqualTo("Head office: Upgrade to Basic, 30 concurrent "
                + "users (128.16 EUR → 227.10 EUR a month), 17 Nov 2034 12:00 – 1 Dec 2034 00:00, 19,440/43,200 min of the month");
        assertThat(lines.get(1).path("description").asString()).isEqualTo("Head office: Upgrade to Basic, 30 concurrent "
                + "users (128.16 EUR → 227.10 EUR a month), 1 Dec 2034 00:00 – 1 Jan 2035 00:00, 44,640/44,640 min of the month");
        // 370.56 net, VAT 70.4064 -> 70.41, gross 440.97
        assertThat(december.path("totals").path("net").decimalValue()).isEqualByComparingTo("370.56");
        assertThat(december.path("totals").path("gross").decimalValue()).isEqualByComparingTo("440.97");

        // Run again and a month later: the upgrade is not billed twice.
        run.complete(YearMonth.of(2034, 12));
        clock.set(berlin(2035, 2, 1, 0, 30));
        runMonth(YearMonth.of(2035, 1));
        assertThat(amounts(invoice(customer, "2035-01").path("lines"))).containsExactly("227.10");
        assertThat(invoices(customer)).hasSize(3);
    }

    // ---- helpers --------------------------------------------------------------------------------

}
