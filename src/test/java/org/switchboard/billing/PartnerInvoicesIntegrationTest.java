package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingStoryIntegrationTest.berlin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.catalog.Money;
import org.switchboard.partners.CommissionLedger;
import org.switchboard.partners.LevelReview;
import org.switchboard.partners.MembershipManagement;
import org.switchboard.partners.PartnerTraining;
import org.switchboard.partners.Training;
import org.switchboard.testing.Api.Response;

import tools.jackson.databind.JsonNode;

/**
 * The platform invoices partners in the monthly run: a CSP partner for what it bought at
 * wholesale for its customers (who get no invoice from the platform), and any partner for its
 * webinar seats, each exactly once. Driven by the test clock, amounts to the cent.
 */
class PartnerInvoicesIntegrationTest extends BillingIntegrationTestBase {

    static final CurrentUser OPERATOR = new CurrentUser(UserId.random(), OPERATOR_EMAIL, "Olga Operator", Role.OPERATOR,
            null, null);

    @Autowired
    AccountManagement accountManagement;
    @Autowired
    org.switchboard.partners.CommissionLedger ledger;
    @Autowired
    org.switchboard.partners.LevelReview review;
    @Autowired
    org.switchboard.partners.MembershipManagement membership;
    @Autowired
    PartnerTraining training;
    @Autowired
    InvoiceManagement invoiceManagement;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    /**
     * June 2041 has 30 days without a clock change: 43,200 minutes. A Certified CSP partner (15%)
     * with two customers: Adler KG sold at the month's first instant with 10 CU (89.00 a month) and
     * one mobile call; Huber GmbH sold on the 10th at 10:00 with 16 CU (128.16) and upgraded on the
     * 17th at 12:00 to 30 CU (227.10).
     */
    @Test
    void aCspPartnerIsInvoicedAtWholesaleForItsCustomersWhoGetNoInvoiceAndItEarnsTurnoverWithoutCommission() {
        clock.set(berlin(2041, 5, 20, 9, 0));
        PartnerAccount partner = accounts.verifiedPartner("Wholesale Telefonie");
        accountManagement.changePartnerLevel(partner.id(), PartnerLevel.CERTIFIED);
        membership.switchCsp(partner.admin(), partner.id(), true);
        CustomerAccount adler = accounts.invitedCustomer(partner, "Adler KG", true);
        CustomerAccount huber = accounts.invitedCustomer(partner, "Huber GmbH", true);

        String shop = sold(adler, "Shop", 10, berlin(2041, 6, 1, 0, 0));
        String head = sold(huber, "Head office", 16, berlin(2041, 6, 10, 10, 0));
        clock.set(berlin(2041, 6, 17, 12, 0));
        Response upgraded = as(huber.email()).post("/api/v1/instances/" + head + "/subscription/changes",
                Map.of("concurrentUsers", 30));
        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        SubscriptionFixtures.awaitTimeline(timelines, head, 2);
        clock.set(berlin(2041, 6, 20, 10, 0));
        Instant t = berlin(2041, 6, 20, 9, 0);
        Response calls = as(adler.email()).post("/api/v1/instances/" + shop + "/cdrs",
                List.of(BillingStoryIntegrationTest.call("a1", "+491701234567", t, 61, "OUTBOUND", "platform")));
        assertThat(calls.json().path("rated").asInt()).as(calls.toString()).isEqualTo(1);

        // The customer's preview says its partner invoices it; the partner's shows the wholesale lines.
        Response customerPreview = as(huber.email()).get("/api/v1/instances/" + head + "/invoice-preview");
        assertThat(customerPreview.text("invoicedTo")).isEqualTo("PARTNER");
        assertThat(customerPreview.json().path("lines").size()).isZero();
        assertThat(customerPreview.text("note")).contains("Wholesale Telefonie invoices this phone system to you");
        Response partnerPreview = as(partner.email()).get("/api/v1/instances/" + head + "/invoice-preview");
        assertThat(BillingStoryIntegrationTest.amounts(partnerPreview.json().path("lines")))
                .containsExactly("74.74", "37.84", "193.04");

        clock.set(berlin(2041, 7, 1, 0, 30));
        Response started = operator().post("/api/v1/invoice-runs", Map.of("month", "2041-06"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        BillingStoryIntegrationTest.await(() -> operator().get("/api/v1/invoice-runs/2041-06").json().path("finished").asBoolean());

        // No invoice to either customer; they see none, and the page tells them who invoices them.
        assertThat(invoicesOfCustomer(adler, "2041-06") + invoicesOfCustomer(huber, "2041-06")).isZero();
        assertThat(as(huber.email()).get("/api/v1/invoices").json().size()).isZero();
        assertThat(invoiceManagement.invoicingPartner(huber.admin())).contains("Wholesale Telefonie");
        assertThat(invoiceManagement.invoicingPartner(partner.admin())).isEmpty();

        JsonNode invoice = partnerInvoice(partner, "2041-06");
        assertThat(invoice.path("addressedTo").asString()).isEqualTo("PARTNER");
        assertThat(invoice.path("billedTo").asString()).isEqualTo("Wholesale Telefonie");
        assertThat(invoice.path("payment").asString()).isEqualTo("BANK_TRANSFER");
        JsonNode lines = invoice.path("lines");
        // Adler KG (customers by name), each retail line x 0.85, rounded half-up per line:
        //   June from its first minute 89.00 (43,200/43,200 min) -> 75.65; July in advance 89.00 -> 75.65;
        //   airtime German mobile 61 s at 60/1: 0.0905 -> 0.09 retail -> 0.0765 -> 0.08
        // Huber GmbH:
        //   first month 128.16 x 29,640/43,200 = 87.93 -> 74.7405 -> 74.74
        //   upgrade (227.10 - 128.16) x 19,440/43,200 = 44.52 -> 37.842 -> 37.84
        //   July in advance 227.10 -> 193.035 -> 193.04
        assertThat(BillingStoryIntegrationTest.amounts(lines)).containsExactly("75.65", "75.65", "0.08", "74.74",
                "37.84", "193.04");
        assertThat(lines.get(0).path("description").asString()).startsWith("Customer Adler KG (")
                .contains("Shop:").endsWith("retail 89.00 EUR less 15%");
        assertThat(lines.get(0).path("quantity").asString()).isEqualTo("43,200/43,200 min");
        assertThat(lines.get(4).path("description").asString()).startsWith("Customer Huber GmbH (")
                .contains("Head office: Upgrade to").endsWith("retail 44.52 EUR less 15%");
        assertThat(lines.get(4).path("instanceId").asString()).isEqualTo(head);
        // Net 75.65 + 75.65 + 74.74 + 37.84 + 193.04 = 456.92 subscriptions + 0.08 airtime = 457.00;
        // the partner is in Germany: VAT 19% = 86.83; gross 543.83
        JsonNode totals = invoice.path("totals");
        assertThat(totals.path("netSubscriptions").decimalValue()).isEqualByComparingTo("456.92");
        assertThat(totals.path("netAirtime").decimalValue()).isEqualByComparingTo("0.08");
        assertThat(totals.path("net").decimalValue()).isEqualByComparingTo("457.00");
        assertThat(totals.path("vatTreatment").asString()).isEqualTo("STANDARD");
        assertThat(totals.path("vat").decimalValue()).isEqualByComparingTo("86.83");
        assertThat(totals.path("gross").decimalValue()).isEqualByComparingTo("543.83");
        assertThat(invoice.path("number").asString()).matches("2041-\\d{6}");
        String id = invoice.path("id").asString();

        // The lines name the customer each was bought for.
        assertThat(jdbc.sql("select count(distinct customer_id) from billing_invoice_lines where invoice_id = :i")
                .param("i", UUID.fromString(id)).query(Integer.class).single()).isEqualTo(2);

        // The partner programme: 457.00 of turnover bought as CSP, no commission.
        LocalDate july = LocalDate.of(2041, 7, 1);
        BillingStoryIntegrationTest.await(() -> review.figures(partner.id(), july).turnover().equals(Money.euros("457.00")));
        assertThat(ledger.openLines(partner.admin(), partner.id())).isEmpty();

        // The partner's documents; nobody else's business.
        Response pdf = as(partner.email()).get("/api/v1/invoices/" + id + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(invoiceManagement.invoices(partner.admin())).extracting(Invoice::id).contains(UUID.fromString(id));
        assertThat(as(partner.email()).get("/api/v1/invoices/" + id + "/xrechnung").status()).isEqualTo(200);

        // Started again: nothing new.
        run.create(YearMonth.of(2041, 6), "operator");
        run.complete(YearMonth.of(2041, 6));
        assertThat(partnerInvoices(partner, "2041-06")).isEqualTo(1);
    }

    @Test
    void othersNeverSeeAPartnersInvoice() {
        clock.set(berlin(2042, 9, 1, 10, 0));
        PartnerAccount partner = accounts.verifiedPartner("Seminar Partner");
        PartnerAccount other = accounts.verifiedPartner("Other Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "Its Customer", true);
        Training.Webinar webinar = training.addWebinar(OPERATOR, "Premium training October 2042",
                berlin(2042, 10, 20, 10, 0), 10, Money.euros("250.00"));
        training.book(partner.admin(), partner.id(), webinar.id());
        clock.set(berlin(2042, 10, 1, 0, 30));
        run.create(YearMonth.of(2042, 9), "operator");
        run.complete(YearMonth.of(2042, 9));
        String id = partnerInvoice(partner, "2042-09").path("id").asString();

        for (String path : List.of("/api/v1/invoices/" + id, "/api/v1/invoices/" + id + "/pdf",
                "/api/v1/invoices/" + id + "/xrechnung")) {
            for (String stranger : List.of(other.email(), customer.email())) {
                Response refused = as(stranger).get(path);
                assertThat(refused.status()).as(stranger + " " + path).isEqualTo(404);
                assertThat(refused.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(as(other.email()).get("/api/v1/invoices").json().findValuesAsString("id")).doesNotContain(id);
        assertThat(as(customer.email()).get("/api/v1/invoices").json().findValuesAsString("id")).doesNotContain(id);
        // Partners see no itemised calls, not even of their own invoices.
        Response calls = as(partner.email()).get("/api/v1/invoices/" + id + "/calls");
        assertThat(calls.status()).isEqualTo(403);
        assertThat(calls.contentType()).startsWith("application/problem+json");
        Response noSuch = as(partner.email()).get("/api/v1/invoices/" + UUID.randomUUID());
        assertThat(noSuch.status()).isEqualTo(404);
        assertThat(noSuch.contentType()).startsWith("application/problem+json");
    }

    /**
     * A partner that is not CSP, registered on 5 January 2042, books one webinar on day 28 after
     * its registration (2 February: half of 399.00) and another on day 29 (3 February: 399.00).
     * The run of February invoices both to it once, also when a node dies in the middle; the run
     * of March does not again.
     */
    @Test
    void webinarSeatsAreInvoicedToThePartnerOnceInTheNextRun() {
        clock.set(berlin(2042, 1, 5, 10, 0));
        PartnerAccount partner = accounts.verifiedPartner("Lernwillig GmbH");
        Training.Webinar first = training.addWebinar(OPERATOR, "Premium training: CSP in practice",
                berlin(2042, 3, 10, 10, 0), 20, Money.euros("399.00"));
        Training.Webinar second = training.addWebinar(OPERATOR, "Premium training: large sites",
                berlin(2042, 3, 24, 10, 0), 20, Money.euros("399.00"));
        clock.set(berlin(2042, 2, 2, 10, 0));
        Training.Booking half = training.book(partner.admin(), partner.id(), first.id());
        clock.set(berlin(2042, 2, 3, 10, 0));
        Training.Booking full = training.book(partner.admin(), partner.id(), second.id());
        assertThat(half.price()).isEqualTo(Money.euros("199.50"));
        assertThat(full.price()).isEqualTo(Money.euros("399.00"));

        YearMonth february = YearMonth.of(2042, 2);
        clock.set(berlin(2042, 3, 1, 0, 30));
        run.create(february, "operator");
        // A node dies after working off everything: all of it rolls back, no invoice, no charge lost.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            while (run.processBatch(february, InvoiceRun.BATCH) > 0) {
                // to the end
            }
            assertThat(partnerInvoices(partner, "2042-02")).isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(partnerInvoices(partner, "2042-02")).isZero();
        run.resumeUnfinished();
        assertThat(run.progress(february).orElseThrow().finishedAt()).isNotNull();

        JsonNode invoice = partnerInvoice(partner, "2042-02");
        JsonNode lines = invoice.path("lines");
        // In the order booked: 399.00 x 50% = 199.50, then 399.00
        assertThat(BillingStoryIntegrationTest.amounts(lines)).containsExactly("199.50", "399.00");
        assertThat(lines.get(0).path("kind").asString()).isEqualTo("TRAINING");
        assertThat(lines.get(0).path("description").asString()).contains("CSP in practice").contains("50%");
        assertThat(lines.get(1).path("description").asString()).contains("large sites").doesNotContain("50%");
        // 598.50 of training, no subscriptions or airtime; VAT 19% = 113.715 -> 113.72; gross 712.22
        JsonNode totals = invoice.path("totals");
        assertThat(totals.path("netTraining").decimalValue()).isEqualByComparingTo("598.50");
        assertThat(totals.path("netSubscriptions").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(totals.path("vat").decimalValue()).isEqualByComparingTo("113.72");
        assertThat(totals.path("gross").decimalValue()).isEqualByComparingTo("712.22");

        // The programme learns they are invoiced; seats are not turnover.
        BillingStoryIntegrationTest.await(() -> training.chargesToInvoice().stream()
                .noneMatch(c -> c.partnerId().equals(partner.id())));
        assertThat(training.bookings(partner.admin(), partner.id())).extracting(Training.Booking::chargeStatus)
                .containsOnly("INVOICED");
        assertThat(review.figures(partner.id(), LocalDate.of(2042, 3, 1)).turnover()).isEqualTo(Money.euros("0.00"));

        // The next month's run: nothing for this partner again.
        clock.set(berlin(2042, 4, 1, 0, 30));
        run.create(YearMonth.of(2042, 3), "operator");
        run.complete(YearMonth.of(2042, 3));
        assertThat(partnerInvoices(partner, "2042-03")).isZero();
        assertThat(jdbc.sql("select count(*) from billing_invoice_lines l join billing_invoices i on i.id = l.invoice_id "
                + "where i.partner_id = :p and i.customer_id is null").param("p", partner.id().value())
                .query(Integer.class).single()).isEqualTo(2);
    }

    /**
     * A CSP customer's late call records are billed on its partner's next invoice, exactly once,
     * and never on an invoice to the customer; an operator corrects the partner's invoice with a
     * credit note. April 2043: a Certified CSP partner (15%) buys for Brunnen OHG, sold at the
     * month's first instant with 10 CU (89.00 a month).
     */
    @Test
    void lateCallsOfACspCustomerGoOnThePartnersNextInvoiceOnceAndThePartnersInvoiceCanBeCredited() {
        clock.set(berlin(2043, 3, 20, 9, 0));
        PartnerAccount partner = accounts.verifiedPartner("Spaet Telefonie");
        accountManagement.changePartnerLevel(partner.id(), PartnerLevel.CERTIFIED);
        membership.switchCsp(partner.admin(), partner.id(), true);
        CustomerAccount brunnen = accounts.invitedCustomer(partner, "Brunnen OHG", true);
        String shop = sold(brunnen, "Shop", 10, berlin(2043, 4, 1, 0, 0));
        clock.set(berlin(2043, 4, 21, 9, 0));
        // German fixed, 60/60: 61 s are 2 minutes x 0.0190 = 0.0380
        cdrs(brunnen, shop, List.of(BillingStoryIntegrationTest.call("b1", "+4930901820", berlin(2043, 4, 20, 10, 0), 61,
                "OUTBOUND", "platform")));

        clock.set(berlin(2043, 5, 1, 0, 30));
        run.create(YearMonth.of(2043, 4), "operator");
        assertThat(run.complete(YearMonth.of(2043, 4)).finishedAt()).isNotNull();
        JsonNode april = partnerInvoice(partner, "2043-04");
        // April 89.00 -> 75.65; May in advance 89.00 -> 75.65; airtime 0.0380 -> 0.04 retail -> 0.034 -> 0.03
        assertThat(BillingStoryIntegrationTest.amounts(april.path("lines"))).containsExactly("75.65", "75.65", "0.03");
        assertThat(april.path("lines").get(2).path("description").asString())
                .contains("Shop: airtime German fixed").doesNotContain("appendix");

        // On 6 May the phone system sends an April call it had missed, a May call, and b1 again
        // (a call record comes after its call: the platform refuses one that ends in the future).
        clock.set(berlin(2043, 5, 6, 9, 0));
        // German mobile, 60/1: 90 s x 0.0890 / 60 = 0.1335; German fixed: 30 s are 1 minute = 0.0190
        Response batch = cdrs(brunnen, shop, List.of(
                BillingStoryIntegrationTest.call("b1", "+4930901820", berlin(2043, 4, 20, 10, 0), 61, "OUTBOUND", "platform"),
                BillingStoryIntegrationTest.call("b2", "+491701234567", berlin(2043, 4, 25, 10, 0), 90, "OUTBOUND", "platform"),
                BillingStoryIntegrationTest.call("b3", "+4930901820", berlin(2043, 5, 5, 10, 0), 30, "OUTBOUND", "platform")));
        assertThat(batch.json().path("stored").asInt()).isEqualTo(2);
        // The partner's preview shows the late April call at wholesale; the customer's only who invoices it.
        Response partnerPreview = as(partner.email()).get("/api/v1/instances/" + shop + "/invoice-preview");
        // June in advance 75.65; April's mobile call 0.1335 -> 0.13 -> 0.1105 -> 0.11; May's fixed call 0.0190 -> 0.02 -> 0.017 -> 0.02
        assertThat(BillingStoryIntegrationTest.amounts(partnerPreview.json().path("lines")))
                .containsExactly("75.65", "0.11", "0.02");
        assertThat(as(brunnen.email()).get("/api/v1/instances/" + shop + "/invoice-preview").json().path("lines").size())
                .isZero();

        // An operator credits 10.00 of April's line 1: the credit note goes to the partner, beside its run invoice.
        clock.set(berlin(2043, 5, 9, 11, 0));
        String aprilId = april.path("id").asString();
        Response credited = operator().post("/api/v1/invoices/" + aprilId + "/credit-notes",
                Map.of("reason", "Shop closed for two days", "lines", List.of(Map.of("line", 1, "amount", 10.00))));
        assertThat(credited.status()).as(credited.toString()).isEqualTo(201);
        JsonNode note = credited.json();
        assertThat(note.path("addressedTo").asString()).isEqualTo("PARTNER");
        assertThat(note.path("month").asString()).isEqualTo("2043-04");
        assertThat(note.path("number").asString()).matches("CN-2043-\\d{6}");
        assertThat(note.path("corrects").path("number").asString()).isEqualTo(april.path("number").asString());
        // -10.00 net, VAT 19% -1.90, gross -11.90; no direct debit: set off or refunded by transfer
        assertThat(note.path("totals").path("gross").decimalValue()).isEqualByComparingTo("-11.90");
        assertThat(note.path("corrects").path("settlement").asString()).contains("refund it by bank transfer");
        String noteId = note.path("id").asString();
        assertThat(jdbc.sql("select customer_id from billing_invoice_lines where invoice_id = :i")
                .param("i", UUID.fromString(noteId)).query(UUID.class).single()).isEqualTo(brunnen.id().value());
        JsonNode notes = as(partner.email()).get("/api/v1/invoices/" + aprilId + "/credit-notes").json();
        assertThat(notes.size()).isEqualTo(1);
        assertThat(BillingStoryIntegrationTest.amounts(notes.get(0).path("lines"))).containsExactly("-10.00");
        assertThat(as(partner.email()).get("/api/v1/invoices/" + noteId + "/pdf").status()).isEqualTo(200);
        // Turnover bought as CSP: 151.33 less 10.00, no commission either way.
        LocalDate may9 = LocalDate.of(2043, 5, 9);
        BillingStoryIntegrationTest.await(() -> review.figures(partner.id(), may9).turnover().equals(Money.euros("141.33")));
        assertThat(ledger.openLines(partner.admin(), partner.id())).isEmpty();

        clock.set(berlin(2043, 6, 1, 0, 30));
        run.create(YearMonth.of(2043, 5), "operator");
        assertThat(run.complete(YearMonth.of(2043, 5)).finishedAt()).isNotNull();
        JsonNode may = partnerInvoice(partner, "2043-05");
        JsonNode lines = may.path("lines");
        assertThat(BillingStoryIntegrationTest.amounts(lines)).containsExactly("75.65", "0.11", "0.02");
        assertThat(lines.get(1).path("description").asString()).startsWith("Customer Brunnen OHG (")
                .contains("Shop: airtime German mobile, April 2043 (late call records)")
                .endsWith("retail 0.13 EUR less 15%");
        assertThat(lines.get(1).path("periodFrom").asString()).isEqualTo(berlin(2043, 4, 1, 0, 0).toString());

        // Each call billed once, by the run of the partner's invoice; the customer got no invoice at all.
        assertThat(jdbc.sql("""
                select b.call_id || '=' || coalesce(d.billed_in, i.month) from billing_calls b
                left join billing_calls_deferred d on d.customer_id = b.customer_id and d.seq = b.seq and d.billed_in is not null
                left join billing_run_items i on i.customer_id = b.customer_id and b.seq > i.calls_after
                  and b.seq <= i.calls_upto and b.started_at < (select cut_off from billing_runs r where r.month = i.month)
                where b.instance_id = :i order by b.call_id""")
                .param("i", UUID.fromString(shop)).query(String.class).list())
                .containsExactly("b1=2043-04", "b2=2043-05", "b3=2043-05");
        assertThat(invoicesOfCustomer(brunnen, "2043-04") + invoicesOfCustomer(brunnen, "2043-05")).isZero();
        assertThat(as(brunnen.email()).get("/api/v1/invoices").json().size()).isZero();

        // Started again: nothing new.
        run.create(YearMonth.of(2043, 5), "operator");
        run.complete(YearMonth.of(2043, 5));
        assertThat(partnerInvoices(partner, "2043-05")).isEqualTo(1);
        assertThat(partnerInvoices(partner, "2043-04")).isEqualTo(1);
    }

    // ---- helpers --------------------------------------------------------------------------------

    int invoicesOfCustomer(CustomerAccount c, String month) {
        return jdbc.sql("select count(*) from billing_invoices where month = :m and customer_id = :c")
                .param("m", month).param("c", c.id().value()).query(Integer.class).single();
    }

    /** The run's invoices to the partner of a month (not an operator's credit notes). */
    int partnerInvoices(PartnerAccount p, String month) {
        return jdbc.sql("select count(*) from billing_invoices where month = :m and partner_id = :p and customer_id is null"
                + " and corrects_invoice_id is null")
                .param("m", month).param("p", p.id().value()).query(Integer.class).single();
    }

    /** The partner's own invoice of a month (not a credit note against it), as the partner reads it through the API. */
    JsonNode partnerInvoice(PartnerAccount partner, String month) {
        List<String> seen = new ArrayList<>();
        for (JsonNode i : as(partner.email()).get("/api/v1/invoices").json()) {
            seen.add(i.path("month").asString() + "/" + i.path("addressedTo").asString());
            if (i.path("month").asString().equals(month) && i.path("addressedTo").asString().equals("PARTNER")
                    && !i.path("corrects").isObject()) {
                Response one = as(partner.email()).get("/api/v1/invoices/" + i.path("id").asString());
                assertThat(one.status()).as(one.toString()).isEqualTo(200);
                return one.json();
            }
        }
        throw new AssertionError("no invoice to the partner for " + month + " in " + seen);
    }
}
