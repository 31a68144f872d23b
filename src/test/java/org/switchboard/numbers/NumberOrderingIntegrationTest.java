package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.numbers.NumberFixtures.as;
import static org.switchboard.numbers.NumberFixtures.await;
import static org.switchboard.numbers.NumberFixtures.freshSubscriber;
import static org.switchboard.numbers.NumberFixtures.importBlock;
import static org.switchboard.numbers.NumberFixtures.importSingles;
import static org.switchboard.numbers.NumberFixtures.operator;
import static org.switchboard.numbers.NumberFixtures.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceLifecycle;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;

/**
 * The inventory and ordering as a story driven by the clock: the operator imports ranges (and is
 * refused overlaps and bad numbers), a customer orders numbers and a block, sees the block's lines
 * on the preview and on the November invoice; no number goes to two customers; a trial's number
 * is released into quarantine when the trial is deleted.
 */
class NumberOrderingIntegrationTest extends IntegrationTestBase {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    AccountFixtures accounts;
    @Autowired
    NumberRouting routing;
    @Autowired
    InstanceLifecycle lifecycle;
    @Autowired
    JdbcClient jdbc;

    static Instant berlin(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(BERLIN).toInstant();
    }

    @Test
    void badImportsAreRefusedWholeAndNothingIsHalfSaved() {
        String base = "+49351" + freshSubscriber().substring(0, 5);
        Response block = importBlock(port, "Dresden", base, 1);
        assertThat(block.status()).as(block.toString()).isEqualTo(201);
        assertThat(block.json().get(0).path("size").asInt()).isEqualTo(10);
        assertThat(block.json().get(0).path("areaCode").asString()).isEqualTo("0351");

        // A new single number of its own first, then one inside the block: the whole import is refused.
        String own = "+49351" + freshSubscriber();
        Response overlapping = importSingles(port, "Dresden", own, base + "3");
        assertThat(overlapping.status()).as(overlapping.toString()).isEqualTo(409);
        assertThat(overlapping.contentType()).startsWith("application/problem+json");
        assertThat(overlapping.text("detail")).contains("overlaps").contains("nothing was imported");
        assertThat(operator(port).get("/api/v1/number-ranges?areaCode=0351").body()).doesNotContain(own);
        // A block over a number held already, and a longer number under the block's numbers.
        assertThat(importBlock(port, "Dresden", base, 2).status()).isEqualTo(409);
        assertThat(importSingles(port, "Dresden", base + "45").status()).isEqualTo(409);

        Response invalid = importSingles(port, "Dresden", "+49 351 1");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text("field")).isEqualTo("numbers");
        assertThat(invalid.text("detail")).contains("not a valid number");
        Response mobile = importSingles(port, "Dresden", "+49 170 1234567");
        assertThat(mobile.text("detail")).contains("not a geographic number");
        Response wrongArea = operator(port).post("/api/v1/number-ranges", Map.of("kind", "SINGLE", "numbers",
                "+49351" + freshSubscriber(), "areaCode", "089", "city", "Dresden"));
        assertThat(wrongArea.status()).isEqualTo(400);
        assertThat(wrongArea.text("detail")).contains("is in area code 0351, not 089");
        Response noDigits = importBlock(port, "Dresden", "+49351" + freshSubscriber().substring(0, 5), 4);
        assertThat(noDigits.text("field")).isEqualTo("extensionDigits");

        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner());
        assertThat(importSingles(port, "Dresden", "+49351" + freshSubscriber()).status()).isEqualTo(201);
        assertThat(as(port, customer.email()).post("/api/v1/number-ranges",
                Map.of("kind", "SINGLE", "numbers", "+49351" + freshSubscriber(), "city", "x")).status()).isEqualTo(403);
    }

    @Test
    void aBlockBeyondTheIncludedNumbersIsOnThePreviewAndOnTheInvoiceProRata() {
        settings("1.00", "5.00");
        String area = "0341";
        importSingles(port, "Leipzig", "+49341" + freshSubscriber(), "+49341" + freshSubscriber());
        importBlock(port, "Leipzig", "+49341" + freshSubscriber().substring(0, 5), 1);
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner(), "Leipziger Druck GmbH", true);
        clock.set(berlin(2037, 11, 10, 10, 0));
        String id = NumberFixtures.subscribe(port, customer, 2);

        // Two concurrent users include two numbers.
        for (int i = 0; i < 2; i++) {
            Response single = as(port, customer.email()).post("/api/v1/instances/" + id + "/number-orders",
                    order(area, "SINGLE", null));
            assertThat(single.status()).as(single.toString()).isEqualTo(201);
            assertThat(single.text("state")).isEqualTo("ACTIVE");
            assertThat(single.text("localAddress")).isEqualTo("Markt 1, 04109 Leipzig");
        }
        clock.set(berlin(2037, 11, 20, 0, 0));
        Response block = as(port, customer.email()).post("/api/v1/instances/" + id + "/number-orders",
                order(area, "BLOCK", 10));
        assertThat(block.status()).as(block.toString()).isEqualTo(201);
        JsonNode held = as(port, customer.email()).get("/api/v1/instances/" + id + "/numbers").json();
        assertThat(held.size()).isEqualTo(3);
        assertThat(held.get(0).path("monthlyNet").isNull()).isTrue();
        assertThat(held.get(2).path("monthlyNet").decimalValue()).isEqualByComparingTo("5.00");

        // 20 Nov 00:00 to 1 Dec: 15,840 of 43,200 minutes of 5.00 = 1.8333 -> 1.83; December in advance 5.00
        clock.set(berlin(2037, 11, 25, 9, 0));
        Response preview = as(port, customer.email()).get("/api/v1/instances/" + id + "/invoice-preview");
        assertThat(numberLines(preview.json().path("lines"))).containsExactly("1.83", "5.00");

        clock.set(berlin(2037, 12, 1, 0, 30));
        JsonNode invoice = runAndFindInvoice("2037-11", customer);
        JsonNode lines = invoice.path("lines");
        assertThat(numberLines(lines)).containsExactly("1.83", "5.00");
        assertThat(lines.toString()).contains("block of 10").contains("15,840/43,200 min")
                .contains("December 2037 in advance");
        // 2 CU at 8.90 = 17.80: 17.80 x 29,640 / 43,200 = 12.21 and December 17.80; numbers 6.83
        assertThat(invoice.path("totals").path("netSubscriptions").decimalValue()).isEqualByComparingTo("36.84");
    }

    @Test
    void theLastFreeNumberGoesToOneCustomerOnlyAndATakenNumberIsRefusedClearly() throws Exception {
        String number = "+49421" + freshSubscriber();
        assertThat(importSingles(port, "Bremen", number).status()).isEqualTo(201);
        String rangeId = operator(port).get("/api/v1/number-ranges?areaCode=0421").json().get(0).path("id").asString();
        List<CustomerAccount> customers = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CustomerAccount c = accounts.invitedCustomer(accounts.verifiedPartner(), "Bremer " + i + " GmbH", true);
            customers.add(c);
            instances.add(NumberFixtures.subscribe(port, c, 5));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            Callable<Response> ordering = () -> as(port, customers.get(n).email())
                    .post("/api/v1/instances/" + instances.get(n) + "/number-orders", order("0421", "SINGLE", null));
            answers.add(pool.submit(ordering));
        }
        int created = 0;
        for (Future<Response> f : answers) {
            Response r = f.get();
            if (r.status() == 201) {
                created++;
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.text("detail")).contains("There is no free single number in area 0421");
            }
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from number_ranges where id = ? and state = 'ACTIVE'")
                .param(UUID.fromString(rangeId)).query(Integer.class).single()).isEqualTo(1);

        Map<String, Object> chosen = new java.util.HashMap<>(order("0421", "SINGLE", null));
        chosen.put("rangeId", rangeId);
        Response taken = as(port, customers.get(0).email())
                .post("/api/v1/instances/" + instances.get(0) + "/number-orders", chosen);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("detail")).contains("was just taken by someone else");

        Response noAddress = as(port, customers.get(0).email()).post("/api/v1/instances/" + instances.get(0)
                + "/number-orders", Map.of("areaCode", "0421", "kind", "SINGLE", "street", "", "postcode", "1",
                        "city", "Bremen"));
        assertThat(noAddress.status()).isEqualTo(400);
        assertThat(noAddress.body()).contains("street").contains("postcode").contains("addressInArea");
        Response badBlock = as(port, customers.get(0).email()).post("/api/v1/instances/" + instances.get(0)
                + "/number-orders", order("0421", "BLOCK", 50));
        assertThat(badBlock.text("field")).isEqualTo("blockSize");
        Response other = as(port, customers.get(1).email()).get("/api/v1/instances/" + instances.get(0) + "/numbers");
        assertThat(other.status()).isEqualTo(404);
    }

    @Test
    void aTrialHasOneNumberWhichRoutesUntilTheTrialIsDeletedAndThenSitsInQuarantine() {
        String number = "+49511" + freshSubscriber();
        importSingles(port, "Hannover", number, "+49511" + freshSubscriber());
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner(), "Hannover Bau GmbH", true);
        clock.set(berlin(2031, 2, 2, 9, 0));
        String id = NumberFixtures.trial(port, customer);
        Map<String, Object> chosen = new java.util.HashMap<>(order("0511", "SINGLE", null));
        chosen.put("rangeId", rangeIdOf("0511", number));
        Response first = as(port, customer.email()).post("/api/v1/instances/" + id + "/number-orders", chosen);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.text("first")).isEqualTo(number);
        Response second = as(port, customer.email()).post("/api/v1/instances/" + id + "/number-orders",
                order("0511", "SINGLE", null));
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.text("detail")).contains("A trial has one number");

        Response employee = as(port, customer.email()).post("/api/v1/instances/" + id + "/subjects",
                Map.of("kind", "EMPLOYEE", "extension", "101", "name", "Anna Adler"));
        assertThat(employee.status()).as(employee.toString()).isEqualTo(201);
        assertThat(routing.inbound(number)).get().satisfies(r -> {
            assertThat(r.target()).isEqualTo(InboundRoute.Target.MAIN_LINE);
            assertThat(r.instance()).isEqualTo(new InstanceId(UUID.fromString(id)));
        });
        Response routed = as(port, customer.email()).put("/api/v1/instances/" + id + "/numbers/" + number + "/route",
                Map.of("target", "EXTENSION", "extensions", List.of("101")));
        assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
        assertThat(routing.inbound(number).orElseThrow().extensions()).containsExactly("101");
        Response unknown = as(port, customer.email()).put("/api/v1/instances/" + id + "/numbers/" + number + "/route",
                Map.of("target", "GROUP", "extensions", List.of("101", "999")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("detail")).contains("There is no extension 999");
        assertThat(as(port, customer.email()).put("/api/v1/instances/" + id + "/caller-ids/101",
                Map.of("number", number)).status()).isEqualTo(200);
        assertThat(routing.callerIdOf(new InstanceId(UUID.fromString(id)), "101")).contains(number);

        // Trial ends after 30 days, deleted 30 days later: the number is released into quarantine.
        clock.set(berlin(2031, 4, 10, 9, 0));
        lifecycle.runDue();
        clock.set(berlin(2031, 4, 11, 9, 0));
        lifecycle.runDue();
        await(() -> routing.inbound(number).isEmpty());
        JsonNode range = operator(port).get("/api/v1/number-ranges?state=QUARANTINED&areaCode=0511").json();
        assertThat(range.size()).isEqualTo(1);
        assertThat(range.get(0).path("first").asString()).isEqualTo(number);
        // deleted at the end of 2 April (30 days after the trial ended at the end of 3 March): 6 months from then
        assertThat(range.get(0).path("quarantinedUntil").asString()).isEqualTo("2031-10-02T23:00:00Z");
        assertThat(routing.callerIdOf(new InstanceId(UUID.fromString(id)), "101")).isEmpty();
    }

    @Test
    void aNumberPortedOutRoutesUntilItIsGoneIsNeverHandedOutAgainAndEveryStepIsMailed() throws Exception {
        String number = "+49621" + freshSubscriber();
        importSingles(port, "Mannheim", number);
        PartnerAccount partner = accounts.verifiedPartner("Kurpfalz Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "Mannheimer Versand GmbH", true);
        String id = NumberFixtures.subscribe(port, customer, 3);
        Response ordered = as(port, customer.email()).post("/api/v1/instances/" + id + "/number-orders",
                order("0621", "SINGLE", null));
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        String range = ordered.text("id");
        String label = ordered.text("label");
        String path = "/api/v1/number-ranges/" + range + "/porting-out";
        String subject = " (Mannheimer Versand GmbH)";
        assertThat(as(port, customer.email()).put(path, Map.of("step", "START")).status()).isEqualTo(403);
        assertThat(operator(port).put(path, Map.of("step", "COMPLETE")).status()).isEqualTo(409);
        assertThat(operator(port).put(path, Map.of("step", "LATER")).text("field")).isEqualTo("step");

        // the request arrives: customer, partner and operator are told; the number still rings
        assertThat(operator(port).put(path, Map.of("step", "START", "provider", "Kurpfalz Telefon")).text("state"))
                .isEqualTo("PORTING_OUT");
        String requested = "Porting out requested for " + label + subject;
        assertThat(accounts.mailTo(customer.email(), requested).body()).contains("Kurpfalz Telefon")
                .contains("If you did not ask");
        accounts.mailTo(partner.email(), requested);
        accounts.mailTo(IntegrationTestBase.OPERATOR_EMAIL, requested);
        assertThat(routing.inbound(number)).isPresent();

        // rejected (the customer did not ask for it): active again, with the reason
        Response noReason = operator(port).put(path, Map.of("step", "REJECT"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.text("field")).isEqualTo("reason");
        assertThat(operator(port).put(path, Map.of("step", "REJECT", "reason", "Line holder does not match"))
                .text("state")).isEqualTo("ACTIVE");
        assertThat(accounts.mailTo(customer.email(), "Porting out rejected for " + label + subject).body())
                .contains("Line holder does not match");

        // asked again, confirmed for a date, completed
        assertThat(operator(port).put(path, Map.of("step", "START")).text("state")).isEqualTo("PORTING_OUT");
        Response noDate = operator(port).put(path, Map.of("step", "CONFIRM"));
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.text("field")).isEqualTo("date");
        String date = java.time.LocalDate.now(clock).plusDays(10).toString();
        assertThat(operator(port).put(path, Map.of("step", "CONFIRM", "date", date)).text("state"))
                .isEqualTo("PORTING_OUT");
        accounts.mailTo(customer.email(), "Porting out confirmed for " + date + subject);
        accounts.mailTo(partner.email(), "Porting out confirmed for " + date + subject);
        assertThat(routing.inbound(number)).isPresent();
        assertThat(operator(port).put(path, Map.of("step", "COMPLETE")).text("state")).isEqualTo("PORTED_OUT");
        assertThat(accounts.mailTo(customer.email(), "Number ported out: " + label + subject).body())
                .contains("no longer reaches your phone system");
        accounts.mailTo(IntegrationTestBase.OPERATOR_EMAIL, "Number ported out: " + label + subject);
        assertThat(routing.inbound(number)).isEmpty();
        // every step is kept and shown to operators, oldest first
        assertThat(as(port, customer.email()).get(path).status()).isEqualTo(403);
        Response steps = operator(port).get(path);
        assertThat(steps.status()).as(steps.toString()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        steps.json().path("steps").forEach(st -> names.add(st.path("step").asString()));
        assertThat(names).containsExactly("START", "REJECT", "START", "CONFIRM", "COMPLETE");
        assertThat(steps.json().path("steps").get(1).path("note").asString()).isEqualTo("Line holder does not match");
        String page = operatorPage("/operator/numbers/" + range + "/porting-out");
        assertThat(page).contains("id=\"porting-out-steps\"").contains("Kurpfalz Telefon")
                .contains("Line holder does not match").contains(date).contains("PORTED_OUT");
        assertThat(as(port, customer.email()).get("/api/v1/instances/" + id + "/numbers").json().size()).isZero();
        Response again = as(port, customer.email()).post("/api/v1/instances/" + id + "/number-orders",
                order("0621", "SINGLE", null));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).contains("There is no free single number in area 0621");
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A page as the operator sees it after logging in (pages take a session, not HTTP Basic). */
    private String operatorPage(String path) throws Exception {
        var client = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL))
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
        String base = "http://localhost:" + port;
        String login = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        String form = "email=" + java.net.URLEncoder.encode(IntegrationTestBase.OPERATOR_EMAIL,
                java.nio.charset.StandardCharsets.UTF_8) + "&password=" + java.net.URLEncoder.encode(PASSWORD,
                        java.nio.charset.StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var answer = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    String rangeIdOf(String area, String first) {
        for (JsonNode r : operator(port).get("/api/v1/number-ranges?areaCode=" + area).json()) {
            if (r.path("first").asString().equals(first)) {
                return r.path("id").asString();
            }
        }
        throw new AssertionError("no range " + first);
    }

    void settings(String single, String block10) {
        // Amounts as JSON numbers: the API refuses numbers sent as text.
        Response r = operator(port).put("/api/v1/number-settings", Map.of("quarantineMonths", 6, "single",
                new BigDecimal(single), "block10", new BigDecimal(block10), "block100", new BigDecimal("30.00"),
                "block1000", new BigDecimal("200.00"), "portingFeePerNumber", new BigDecimal("0.00")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    JsonNode runAndFindInvoice(String month, CustomerAccount customer) {
        Response started = operator(port).post("/api/v1/invoice-runs", Map.of("month", month));
        assertThat(started.status()).as(started.toString()).isIn(202, 409);
        await(() -> operator(port).get("/api/v1/invoice-runs/" + month).json().path("finished").asBoolean());
        for (JsonNode i : as(port, customer.email()).get("/api/v1/invoices").json()) {
            if (i.path("month").asString().equals(month)) {
                return as(port, customer.email()).get("/api/v1/invoices/" + i.path("id").asString()).json();
            }
        }
        throw new AssertionError("no invoice for " + month);
    }

    static List<String> numberLines(JsonNode lines) {
        List<String> amounts = new ArrayList<>();
        lines.forEach(l -> {
            if (l.path("kind").asString().equals("NUMBERS")) {
                amounts.add(l.path("amount").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            }
        });
        return amounts;
    }
}
