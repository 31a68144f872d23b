package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Commands.UpdateBillingDetails;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.connector.CallRecord;
import org.switchboard.instances.InstanceLifecycle;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;
import org.switchboard.testing.Mailbox;

import tools.jackson.databind.JsonNode;

/**
 * Billing as a story driven by the clock, through the API: sell an instance on 10 November 2030
 * at 10:00 with 16 CU, upgrade it to 30 CU on the 17th at 12:00, make calls, close the month and
 * check every line of the invoice; then a downgrade at the term end a year later.
 * Prices: 16 CU in tier 11-25 at 8.01 = 128.16 a month; 30 CU in tier 26-50 at 7.57 = 227.10 a month.
 */
class BillingStoryIntegrationTest extends IntegrationTestBase {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    AccountFixtures accounts;
    @Autowired
    AccountManagement accountManagement;
    @Autowired
    SubscriptionTimelines timelines;
    @Autowired
    InstanceLifecycle lifecycle;
    @Autowired
    org.switchboard.partners.LevelReview review;

    static Instant berlin(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(BERLIN).toInstant();
    }

    Api as(String email) {
        return new Api(port).as(email, PASSWORD);
    }

    Api operator() {
        return as(OPERATOR_EMAIL);
    }

    @Test
    void novemberIsInvoicedToTheCentAndADowngradeAtTermEndLowersTheFeeFromThen() {
        CustomerAccount customer = customer("Huber GmbH", null, null);
        clock.set(berlin(2030, 11, 10, 10, 0));
        String id = subscribe(customer, 16);
        awaitTimeline(id, 1);

        clock.set(berlin(2030, 11, 17, 12, 0));
        Response upgraded = as(customer.email()).post("/api/v1/instances/" + id + "/subscription/changes",
                Map.of("concurrentUsers", 30));
        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        awaitTimeline(id, 2);

        // A zone billed by the second with a connect fee, beside the seeded ones.
        String serviceZone = "Service " + UUID.randomUUID().toString().substring(0, 6);
        Response zone = operator().post("/api/v1/tariff-zones", Map.of("name", serviceZone, "prefixes", List.of("49180"),
                "pricePerMinute", 0.0490, "increment", "1/1", "connectFee", 0.0150));
        assertThat(zone.status()).as(zone.toString()).isEqualTo(201);

        clock.set(berlin(2030, 11, 25, 9, 0));
        Instant t = berlin(2030, 11, 20, 9, 0);
        List<Map<String, Object>> calls = List.of(
                call("m1", "+491701234567", t, 61, "OUTBOUND", "platform"),   // mobile 60/1: 61 s x 0.0890/60 = 0.0905
                call("m2", "+491521234567", t.plusSeconds(600), 30, "OUTBOUND", "platform"), // first minute: 0.0890
                call("f1", "+4930901820", t.plusSeconds(1200), 61, "OUTBOUND", "platform"),  // fixed 60/60: 2 x 0.0190 = 0.0380
                call("s1", "+491801234567", t.plusSeconds(1800), 61, "OUTBOUND", "platform"), // 1/1: 0.0150 + 0.0498 = 0.0648
                call("w1", "+12125551234", t.plusSeconds(2400), 30, "OUTBOUND", "platform"),  // world: 0.0500 + 1 x 0.29 = 0.3400
                call("i1", "+4930901820", t.plusSeconds(3000), 300, "INBOUND", "platform"),
                call("x1", "+4930901820", t.plusSeconds(3600), 300, "OUTBOUND", "own-sip-trunk"),
                call("u1", "+88216123456", t.plusSeconds(4200), 60, "OUTBOUND", "platform"));
        Response batch = as(customer.email()).post("/api/v1/instances/" + id + "/cdrs", calls);
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().path("stored").asInt()).isEqualTo(8);
        assertThat(batch.json().path("rated").asInt()).isEqualTo(5);
        assertThat(batch.json().path("notBillable").asInt()).isEqualTo(2);
        assertThat(batch.json().path("unrated").asInt()).isEqualTo(1);
        Response again = as(customer.email()).post("/api/v1/instances/" + id + "/cdrs", calls.subList(0, 3));
        assertThat(again.json().path("stored").asInt()).isZero();
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(3);

        Response unrated = operator().get("/api/v1/calls/unrated");
        assertThat(unrated.json().findValuesAsString("to")).contains("+88216123456");

        // The preview of the open month: the same lines the run will make.
        Response preview = as(customer.email()).get("/api/v1/instances/" + id + "/invoice-preview");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(amounts(preview.json().path("lines"))).containsExactly("87.93", "44.52", "227.10", "0.04", "0.18",
                "0.06", "0.34");

        clock.set(berlin(2030, 12, 1, 0, 30));
        JsonNode invoice = runAndFindInvoice("2030-11", customer);
        JsonNode lines = invoice.path("lines");
        // First month: 128.16 x 29,640 / 43,200 minutes (10 Nov 10:00 to 1 Dec) = 87.932 -> 87.93
        // Upgrade: (227.10 - 128.16) x 19,440 / 43,200 (17 Nov 12:00 to 1 Dec) = 44.523 -> 44.52
        // December in advance at 30 CU: 227.10
        // Airtime by zone, calls summed at 4 decimals, line rounded once:
        //   German fixed 0.0380 -> 0.04; German mobile 0.0905 + 0.0890 = 0.1795 -> 0.18;
        //   service 0.0648 -> 0.06; World 0.3400 -> 0.34
        assertThat(amounts(lines)).containsExactly("87.93", "44.52", "227.10", "0.04", "0.18", "0.06", "0.34");
        assertThat(lines.get(0).path("quantity").asString()).isEqualTo("29,640/43,200 min");
        assertThat(lines.get(1).path("quantity").asString()).isEqualTo("19,440/43,200 min");
        assertThat(lines.get(1).path("periodFrom").asString()).isEqualTo(berlin(2030, 11, 17, 12, 0).toString());
        assertThat(lines.get(4).path("quantity").asString()).isEqualTo("2 calls, 2:01 min");
        JsonNode totals = invoice.path("totals");
        // Net 87.93 + 44.52 + 227.10 = 359.55 subscriptions, 0.04 + 0.18 + 0.06 + 0.34 = 0.62 airtime: 360.17
        // VAT 19% of 360.17 = 68.4323 -> 68.43; gross 428.60
        assertThat(totals.path("netSubscriptions").decimalValue()).isEqualByComparingTo("359.55");
        assertThat(totals.path("netAirtime").decimalValue()).isEqualByComparingTo("0.62");
        assertThat(totals.path("net").decimalValue()).isEqualByComparingTo("360.17");
        assertThat(totals.path("vat").decimalValue()).isEqualByComparingTo("68.43");
        assertThat(totals.path("gross").decimalValue()).isEqualByComparingTo("428.60");
        assertThat(rawInvoice(customer, invoice)).contains("\"amount\":227.10").contains("\"gross\":428.60");
        assertThat(invoice.path("number").asString()).matches("2030-\\d{6}");
        assertThat(invoice.path("payment").asString()).isEqualTo("SUBMITTED");

        Response itemised = as(customer.email()).get("/api/v1/invoices/" + invoice.path("id").asString() + "/calls");
        assertThat(itemised.json().size()).as(itemised.toString()).isEqualTo(5);
        assertThat(itemised.json().findValues("charge")).extracting(JsonNode::decimalValue)
                .usingElementComparator(java.math.BigDecimal::compareTo).contains(new java.math.BigDecimal("0.0905"));

        // Documents: the PDF with the embedded e-invoice, the XRechnung, the run's direct debits.
        String invoiceId = invoice.path("id").asString();
        Response pdf = as(customer.email()).get("/api/v1/invoices/" + invoiceId + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF");
        Response xrechnung = as(customer.email()).get("/api/v1/invoices/" + invoiceId + "/xrechnung");
        assertThat(xrechnung.body()).contains("urn:xeinkauf.de:kosit:xrechnung").contains("428.60");
        Response sepa = operator().get("/api/v1/invoice-runs/2030-11/direct-debits");
        assertThat(sepa.status()).isEqualTo(200);
        assertThat(sepa.body()).contains("pain.008.001.08").contains(invoice.path("number").asString())
                .contains("<SeqTp>FRST</SeqTp>").contains("<InstdAmt Ccy=\"EUR\">428.60</InstdAmt>");
        assertThat(as(customer.email()).get("/api/v1/invoice-runs/2030-11/direct-debits").status()).isEqualTo(403);
        // The run was at 00:30 in Berlin, still 30 November in UTC: the e-invoice's dates are Berlin's
        // whatever the server's zone (CI runs with UTC), its invoicing period spans December's fee in
        // advance, and its due date is the SEPA file's collection date.
        String xml = xrechnung.body().replaceAll("\\s+", "");
        assertThat(xml).contains("<ram:IssueDateTime><udt:DateTimeStringformat=\"102\">20301201<")
                .contains("<ram:BillingSpecifiedPeriod><ram:StartDateTime><udt:DateTimeStringformat=\"102\">20301101<")
                .contains("<ram:EndDateTime><udt:DateTimeStringformat=\"102\">20301231<");
        // the collection date of the payment block that holds this invoice's debit
        String file = sepa.body().replaceAll("\\s+", "");
        java.util.regex.Matcher collection = java.util.regex.Pattern
                .compile("<ReqdColltnDt>(?:<Dt>)?(\\d{4})-(\\d{2})-(\\d{2})<")
                .matcher(file.substring(0, file.indexOf(invoice.path("number").asString())));
        String due = null;
        while (collection.find()) {
            due = collection.group(1) + collection.group(2) + collection.group(3);
        }
        assertThat(due).as(sepa.body()).isNotNull();
        assertThat(xml).contains("<ram:DueDateDateTime><udt:DateTimeStringformat=\"102\">" + due + "<");

        // The partner sees the totals, not the lines or the calls.
        Response partnerView = as(partner.email()).get("/api/v1/invoices/" + invoiceId);
        assertThat(partnerView.status()).isEqualTo(200);
        assertThat(partnerView.json().path("lines").isNull()).isTrue();
        assertThat(partnerView.json().path("totals").path("net").decimalValue()).isEqualByComparingTo("360.17");
        assertThat(as(partner.email()).get("/api/v1/invoices/" + invoiceId + "/calls").status()).isEqualTo(403);

        // The partner programme learns of the invoice: 360.17 of turnover for the partner's level.
        java.time.LocalDate december = java.time.LocalDate.of(2030, 12, 1);
        await(() -> review.figures(partner.id(), december).turnover().equals(org.switchboard.catalog.Money.euros("360.17")));

        // The debit comes back: the invoice is open again and the customer's admin is told.
        long mailsBefore = mails(customer.email());
        Response returned = operator().post("/api/v1/invoices/" + invoiceId + "/payment/returned",
                Map.of("reason", "AC04 account closed"));
        assertThat(returned.status()).as(returned.toString()).isEqualTo(200);
        assertThat(returned.text("status")).isEqualTo("RETURNED");
        await(() -> mails(customer.email()) > mailsBefore);
        // ... and the partner programme takes the returned invoice out of the turnover again.
        await(() -> review.figures(partner.id(), december).turnover().equals(org.switchboard.catalog.Money.euros("0.00")));
        assertThat(operator().post("/api/v1/invoices/" + invoiceId + "/payment/collected", Map.of()).status())
                .isEqualTo(409);

        // A year later: downgrade to 16 CU at the term end 10 Nov 2031 10:00.
        clock.set(berlin(2031, 10, 1, 9, 0));
        Response downgrade = as(customer.email()).post("/api/v1/instances/" + id + "/subscription/changes",
                Map.of("concurrentUsers", 16));
        assertThat(downgrade.json().path("kind").asString()).isEqualTo("DOWNGRADE");
        clock.set(berlin(2031, 11, 10, 10, 1));
        lifecycle.runDue();
        awaitTimeline(id, 3);
        clock.set(berlin(2031, 12, 1, 1, 0));
        JsonNode renewed = runAndFindInvoice("2031-11", customer);
        // November 2031 was paid in advance at 227.10; from 10 Nov 10:00 it costs 128.16:
        // (128.16 - 227.10) x 29,640 / 43,200 = -67.8838 -> -67.88; December 2031 in advance: 128.16
        assertThat(amounts(renewed.path("lines"))).containsExactly("-67.88", "128.16");
        // 60.28 net, VAT 11.4532 -> 11.45
        assertThat(renewed.path("totals").path("net").decimalValue()).isEqualByComparingTo("60.28");
        assertThat(renewed.path("totals").path("vat").decimalValue()).isEqualByComparingTo("11.45");
    }

    @Test
    void anAustrianBusinessGetsAReverseChargeInvoice() {
        CustomerAccount customer = customer("Wiener Technik GmbH", "AT", "ATU12345678");
        clock.set(berlin(2030, 6, 1, 0, 0));
        String id = subscribe(customer, 10);
        awaitTimeline(id, 1);
        clock.set(berlin(2030, 7, 1, 2, 0));
        JsonNode invoice = runAndFindInvoice("2030-06", customer);
        // Whole June from its first minute: 10 x 8.90 = 89.00, July in advance 89.00; no VAT, reverse charge.
        assertThat(amounts(invoice.path("lines"))).containsExactly("89.00", "89.00");
        assertThat(invoice.path("totals").path("vatTreatment").asString()).isEqualTo("REVERSE_CHARGE");
        assertThat(invoice.path("totals").path("vat").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(invoice.path("totals").path("gross").decimalValue()).isEqualByComparingTo("178.00");
        assertThat(invoice.path("totals").path("vatNote").asString()).contains("Reverse charge");
    }

    @Test
    void badCallRecordsAreRefusedWhole() {
        CustomerAccount customer = customer("Bad Records GmbH", null, null);
        clock.set(berlin(2030, 3, 2, 10, 0));
        String id = subscribe(customer, 5);
        Instant t = berlin(2030, 3, 2, 9, 0);
        List<Map<String, Object>> calls = new ArrayList<>(List.of(call("ok", "+4930901820", t, 10, "OUTBOUND", "platform")));
        Map<String, Object> bad = new HashMap<>(call("bad", "0301234", t, 10, "OUTBOUND", "platform"));
        bad.put("end", t.minusSeconds(5).toString());
        calls.add(bad);
        Response refused = as(customer.email()).post("/api/v1/instances/" + id + "/cdrs", calls);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.errorFields()).contains("records[1].to", "records[1].end");

        Map<String, Object> unknownField = new HashMap<>(call("x", "+4930901820", t, 10, "OUTBOUND", "platform"));
        unknownField.put("subjectName", "Anna");
        Response unknown = as(customer.email()).post("/api/v1/instances/" + id + "/cdrs", List.of(unknownField));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("field")).isEqualTo("subjectName");
        assertThat(unknown.errorMessage("subjectName")).isEqualTo("subjectName is not a known field");

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= CallRecord.MAX_BATCH; i++) {
            many.add(call("c" + i, "+4930901820", t, 10, "OUTBOUND", "platform"));
        }
        Response tooMany = as(customer.email()).post("/api/v1/instances/" + id + "/cdrs", many);
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");

        Response partner = as(accounts.verifiedPartner("Other").email()).post("/api/v1/instances/" + id + "/cdrs", calls);
        assertThat(partner.status()).isEqualTo(404);

        Response zone = operator().post("/api/v1/tariff-zones", Map.of("name", "Dup", "prefixes", List.of("4917"),
                "pricePerMinute", -1, "increment", "60/60", "connectFee", 0));
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.errorMessage("pricePerMinute")).contains("must not be negative");
        assertThat(zone.errorMessage("prefixes")).contains("German mobile");
    }

    // ---- helpers --------------------------------------------------------------------------------

    PartnerAccount partner;

    CustomerAccount customer(String company, String country, String vatId) {
        partner = accounts.verifiedPartner("Billing Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, company, true);
        if (country != null) {
            accountManagement.updateBillingDetails(customer.admin(), customer.id(),
                    new UpdateBillingDetails(company, "Ringstraße 1", "1010", "Wien", country, vatId));
        }
        return customer;
    }

    String subscribe(CustomerAccount customer, int concurrentUsers) {
        return SubscriptionFixtures.subscribe(port, customer, "Head office", concurrentUsers);
    }

    static Map<String, Object> call(String id, String to, Instant answer, long seconds, String direction, String trunk) {
        return Map.of("callId", id, "subject", "ext-101", "from", "+4930123456", "to", to,
                "start", answer.minusSeconds(5).toString(), "answer", answer.toString(),
                "end", answer.plusSeconds(seconds).toString(), "direction", direction, "trunk", trunk);
    }

    JsonNode runAndFindInvoice(String month, CustomerAccount customer) {
        Response started = operator().post("/api/v1/invoice-runs", Map.of("month", month));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        await(() -> operator().get("/api/v1/invoice-runs/" + month).json().path("finished").asBoolean());
        JsonNode list = as(customer.email()).get("/api/v1/invoices").json();
        for (JsonNode i : list) {
            if (i.path("month").asString().equals(month)) {
                return as(customer.email()).get("/api/v1/invoices/" + i.path("id").asString()).json();
            }
        }
        throw new AssertionError("no invoice for " + month + " in " + list);
    }

    String rawInvoice(CustomerAccount customer, JsonNode invoice) {
        return as(customer.email()).get("/api/v1/invoices/" + invoice.path("id").asString()).body();
    }

    void awaitTimeline(String instance, int entries) {
        SubscriptionFixtures.awaitTimeline(timelines, instance, entries);
    }

    static List<String> amounts(JsonNode lines) {
        List<String> amounts = new ArrayList<>();
        // the tree reads numbers as doubles; the two decimals on the wire are checked on the raw body
        lines.forEach(l -> amounts.add(l.path("amount").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()));
        return amounts;
    }

    static void await(BooleanSupplier condition) {
        SubscriptionFixtures.await(condition);
    }

    static long mails(String email) {
        return Mailbox.countTo(MAIL, email);
    }
}
