package org.switchboard.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;
import org.switchboard.testing.Mailbox;

import tools.jackson.databind.JsonNode;

class InstancesApiIntegrationTest extends IntegrationTestBase {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String IBAN = "DE89370400440532013000";

    @Autowired
    AccountFixtures accounts;

    @Autowired
    InstanceLifecycle lifecycle;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api as(String email) {
        return new Api(port).as(email, PASSWORD);
    }

    static Map<String, Object> trial(String subdomain) {
        return Map.of("name", "Head office", "subdomain", subdomain, "country", "DE", "trial", true);
    }

    static Map<String, Object> subscription(int concurrentUsers) {
        return Map.of("plan", "basic", "concurrentUsers", concurrentUsers, "iban", "DE89 3704 0044 0532 0130 00",
                "accountHolder", "Huber GmbH", "mandateAccepted", true);
    }

    static String subdomain() {
        return "pbx-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    static void assertProblem(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.text("field")).as(response.toString()).isEqualTo(field);
        }
    }

    /** Moves the clock forward to the next given day of month and time, Berlin time. */
    void advanceToNext(int dayOfMonth, int hour, int minute) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), BERLIN);
        LocalDateTime target = now.withDayOfMonth(1).withHour(hour).withMinute(minute).withSecond(0).withNano(0)
                .plusMonths(1).withDayOfMonth(dayOfMonth);
        clock.set(target.atZone(BERLIN).toInstant());
    }

    CustomerAccount validatedCustomer() {
        PartnerAccount partner = accounts.verifiedPartner("Instances Partner");
        return accounts.invitedCustomer(partner, "Huber GmbH", true);
    }

    String createSubscribed(CustomerAccount customer, int concurrentUsers) {
        Map<String, Object> body = new HashMap<>(subscription(concurrentUsers));
        body.putAll(Map.of("name", "Branch", "subdomain", subdomain(), "country", "DE", "trial", false));
        Response created = as(customer.email()).post("/api/v1/instances", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("ACTIVE");
        return created.text("id");
    }

    @Test
    void aTrialIsRemindedOnDays23And29DeactivatedAfterDay30AndSubscribedOnDay40() {
        CustomerAccount customer = validatedCustomer();
        Response created = as(customer.email()).post("/api/v1/instances", trial(subdomain()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("TRIAL");
        assertThat(created.json().path("concurrentUsers").asInt()).isEqualTo(5);
        assertThat(created.json().path("trialDaysLeft").asInt()).isEqualTo(30);
        String id = created.text("id");
        Instant started = Instant.parse(created.text("createdAt"));
        Instant trialEnd = Instant.parse(created.text("trialEndsAt"));
        assertThat(trialEnd).isEqualTo(InstanceRules.trialEnd(started, BERLIN));

        Mailbox.awaitLink(MAIL, customer.email(), "/invitations/");
        long before = Mailbox.countTo(MAIL, customer.email()); // the invitation
        clock.set(InstanceRules.firstReminder(started, BERLIN).minusSeconds(60));
        lifecycle.runDue();
        assertThat(Mailbox.countTo(MAIL, customer.email())).isEqualTo(before);

        clock.set(InstanceRules.firstReminder(started, BERLIN)); // day 23
        lifecycle.runDue();
        lifecycle.runDue();
        Mailbox.awaitLink(MAIL, customer.email(), "/instances/" + id);
        awaitMails(customer.email(), before + 1);
        assertThat(subjectsTo(customer.email())).containsOnlyOnce("Your trial of Head office ends in 7 days");

        clock.set(InstanceRules.lastReminder(started, BERLIN).plusSeconds(30)); // day 29
        lifecycle.runDue();
        awaitMails(customer.email(), before + 2);
        assertThat(subjectsTo(customer.email())).contains("Your trial of Head office ends tomorrow");
        assertThat(as(customer.email()).get("/api/v1/instances/" + id).json().path("trialDaysLeft").asInt()).isEqualTo(2);

        clock.set(trialEnd.minusSeconds(1));
        lifecycle.runDue();
        assertThat(as(customer.email()).get("/api/v1/instances/" + id).text("status")).isEqualTo("TRIAL");

        clock.set(trialEnd.plusSeconds(60)); // after day 30
        lifecycle.runDue();
        Response deactivated = as(customer.email()).get("/api/v1/instances/" + id);
        assertThat(deactivated.text("status")).isEqualTo("DEACTIVATED");
        assertThat(deactivated.json().path("concurrentUsers").asInt()).isZero();
        awaitMails(customer.email(), before + 3);
        assertThat(subjectsTo(customer.email())).contains("Your trial of Head office has ended");

        clock.set(started.plus(java.time.Duration.ofDays(39))); // day 40
        Response subscribed = as(customer.email()).post("/api/v1/instances/" + id + "/subscription", subscription(16));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(200);
        assertThat(subscribed.text("status")).isEqualTo("ACTIVE");
        assertThat(subscribed.json().path("concurrentUsers").asInt()).isEqualTo(16);
        assertThat(subscribed.number("/monthlyNet")).isEqualTo("128.16");
        assertThat(subscribed.number("/unitPrice")).isEqualTo("8.01");
        assertThat(subscribed.json().path("billing").path("iban").asString()).isEqualTo("DE89 **** **** 3000");
        assertThat(subscribed.body()).doesNotContain("0532013000").doesNotContain("370400440532");
        String stored = jdbc.sql("select iban from instances where id = :id").param("id", java.util.UUID.fromString(id))
                .query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain("370400440532");
        assertThat(Instant.parse(subscribed.text("termEnd")))
                .isEqualTo(InstanceRules.termEnd(clock.instant(), BERLIN));

        List<String> kinds = new ArrayList<>();
        as(customer.email()).get("/api/v1/instances/" + id + "/history").json().forEach(h -> kinds.add(h.path("kind").asString()));
        assertThat(kinds).containsExactly("SUBSCRIPTION_ACTIVATED", "TRIAL_EXPIRED", "TRIAL_REMINDER_SENT",
                "TRIAL_REMINDER_SENT", "TRIAL_STARTED");

        // one trial per customer account, ever
        Response second = as(customer.email()).post("/api/v1/instances", trial(subdomain()));
        assertProblem(second, 409, "trial");
        assertThat(second.text("detail")).contains("Only one trial per customer account");
    }

    @Test
    void twoLifecycleRunsAtOnceSendEachReminderOnce() throws Exception {
        CustomerAccount customer = validatedCustomer();
        Mailbox.awaitLink(MAIL, customer.email(), "/invitations/");
        long before = Mailbox.countTo(MAIL, customer.email());
        Response created = as(customer.email()).post("/api/v1/instances", trial(subdomain()));
        Instant started = Instant.parse(created.text("createdAt"));
        clock.set(InstanceRules.firstReminder(started, BERLIN).plusSeconds(1));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            // two nodes' jobs at the same moment: SKIP LOCKED hands each due instance to one of them
            List<Future<Integer>> runs = nodes.invokeAll(List.<Callable<Integer>>of(lifecycle::runDue, lifecycle::runDue));
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        awaitMails(customer.email(), before + 1);
        Thread.sleep(1000); // a duplicate would have arrived by now
        assertThat(Mailbox.countTo(MAIL, customer.email())).isEqualTo(before + 1);
        assertThat(as(customer.email()).get("/api/v1/instances/" + created.text("id") + "/history").body())
                .containsOnlyOnce("TRIAL_REMINDER_SENT");
    }

    @Test
    void upgradesApplyAtOnceDowngradesAtTermEndAndCanBeWithdrawn() {
        CustomerAccount customer = validatedCustomer();
        advanceToNext(10, 9, 0);
        String id = createSubscribed(customer, 16);
        String path = "/api/v1/instances/" + id;

        advanceToNext(17, 12, 0);
        Response preview = as(customer.email()).get(path + "/subscription/changes/preview?concurrentUsers=21");
        assertThat(preview.text("kind")).isEqualTo("UPGRADE");
        assertThat(preview.number("/newMonthlyNet")).isEqualTo("168.21");
        assertThat(preview.number("/monthlyDifference")).isEqualTo("40.05");
        Response upgraded = as(customer.email()).post(path + "/subscription/changes", Map.of("concurrentUsers", 21));
        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        assertThat(upgraded.text("kind")).isEqualTo("UPGRADE");
        assertThat(Instant.parse(upgraded.text("effectiveAt"))).isEqualTo(clock.instant());
        assertThat(upgraded.json().path("instance").path("concurrentUsers").asInt()).isEqualTo(21);

        Response downgrade = as(customer.email()).post(path + "/subscription/changes", Map.of("concurrentUsers", 10));
        assertThat(downgrade.text("kind")).isEqualTo("DOWNGRADE");
        String termEnd = downgrade.json().path("instance").path("termEnd").asString();
        assertThat(downgrade.text("effectiveAt")).isEqualTo(termEnd);
        assertThat(downgrade.text("message")).contains("scheduled for the term end");
        JsonNode scheduled = as(customer.email()).get(path).json().path("scheduledChange");
        assertThat(scheduled.path("kind").asString()).isEqualTo("DOWNGRADE");
        assertThat(scheduled.path("concurrentUsers").asInt()).isEqualTo(10);
        assertThat(as(customer.email()).get(path).json().path("concurrentUsers").asInt()).isEqualTo(21);

        Response withdrawn = as(customer.email()).delete(path + "/subscription/changes");
        assertThat(withdrawn.json().path("scheduledChange").isNull()).isTrue();
        assertProblem(as(customer.email()).delete(path + "/subscription/changes"), 409, "scheduledChange");

        as(customer.email()).post(path + "/subscription/changes", Map.of("concurrentUsers", 10));
        clock.set(Instant.parse(termEnd).plusSeconds(5));
        lifecycle.runDue();
        Response renewed = as(customer.email()).get(path);
        assertThat(renewed.text("status")).isEqualTo("ACTIVE");
        assertThat(renewed.json().path("concurrentUsers").asInt()).isEqualTo(10);
        assertThat(renewed.text("termStart")).isEqualTo(termEnd);
        assertThat(renewed.number("/monthlyNet")).isEqualTo("89.00");

        Response cancelled = as(customer.email()).delete(path + "/subscription");
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.json().path("scheduledChange").path("kind").asString()).isEqualTo("CANCELLATION");
        clock.set(Instant.parse(cancelled.text("termEnd")).plusSeconds(5));
        lifecycle.runDue();
        assertThat(as(customer.email()).get(path).text("status")).isEqualTo("DEACTIVATED");
    }

    @Test
    void twoUpgradesAtTheSameMomentAreBothAppliedInOrder() throws Exception {
        CustomerAccount customer = validatedCustomer();
        String id = createSubscribed(customer, 10);
        String path = "/api/v1/instances/" + id + "/subscription/changes";
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Response>> calls = List.of(
                    () -> as(customer.email()).post(path, Map.of("concurrentUsers", 20)),
                    () -> as(customer.email()).post(path, Map.of("concurrentUsers", 30)));
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            // 20 then 30: two upgrades. 30 then 20: an upgrade and a downgrade scheduled for the term end.
            assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
            long upgradesAnswered = answers.stream().filter(r -> r.text("kind").equals("UPGRADE")).count();
            List<JsonNode> upgrades = new ArrayList<>();
            as(customer.email()).get("/api/v1/instances/" + id + "/history").json().forEach(h -> {
                if (h.path("kind").asString().equals("UPGRADED")) {
                    upgrades.add(h);
                }
            });
            assertThat(upgrades).hasSize((int) upgradesAnswered);
            JsonNode instance = as(customer.email()).get("/api/v1/instances/" + id).json();
            assertThat(instance.path("concurrentUsers").asInt()).isEqualTo(30);
            if (upgradesAnswered == 1) {
                assertThat(instance.path("scheduledChange").path("concurrentUsers").asInt()).isEqualTo(20);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputIsRefusedWithTheFieldAndNothingIsSaved() {
        CustomerAccount customer = validatedCustomer();
        Response trial = as(customer.email()).post("/api/v1/instances", trial(subdomain()));
        String path = "/api/v1/instances/" + trial.text("id");

        Map<String, Object> badIban = new HashMap<>(subscription(16));
        badIban.put("iban", "DE88370400440532013000");
        Response checksum = as(customer.email()).post(path + "/subscription", badIban);
        assertProblem(checksum, 400, "iban");
        assertThat(checksum.text("detail")).contains("check digits").doesNotContain("370400440532");
        badIban.put("iban", "US64SVBKUS6S3300958879");
        assertThat(as(customer.email()).post(path + "/subscription", badIban).text("detail")).contains("SEPA");
        badIban.put("iban", "DE8937040044053201300");
        assertThat(as(customer.email()).post(path + "/subscription", badIban).text("detail")).contains("wrong length");

        Map<String, Object> noMandate = new HashMap<>(subscription(16));
        noMandate.put("mandateAccepted", false);
        assertProblem(as(customer.email()).post(path + "/subscription", noMandate), 400, "mandateAccepted");
        assertProblem(as(customer.email()).post(path + "/subscription", subscription(0)), 400, "concurrentUsers");
        assertProblem(as(customer.email()).post(path + "/subscription", subscription(100_001)), 400, "concurrentUsers");
        Map<String, Object> unknownPlan = new HashMap<>(subscription(16));
        unknownPlan.put("plan", "gold");
        assertProblem(as(customer.email()).post(path + "/subscription", unknownPlan), 400, "plan");
        Map<String, Object> premium = new HashMap<>(subscription(16));
        premium.put("plan", "premium");
        Response notForSale = as(customer.email()).post(path + "/subscription", premium);
        assertThat(notForSale.status()).isEqualTo(422);
        assertThat(as(customer.email()).get(path).text("status")).isEqualTo("TRIAL");

        assertProblem(as(customer.email()).post("/api/v1/instances", trial("www")), 400, "subdomain");
        assertProblem(as(customer.email()).post("/api/v1/instances", trial("Bad_Label")), 400, "subdomain");
        String taken = as(customer.email()).get(path).text("subdomain");
        CustomerAccount other = validatedCustomer();
        assertProblem(as(other.email()).post("/api/v1/instances", trial(taken)), 409, "subdomain");

        // another customer's instance does not exist for this one
        assertProblem(as(other.email()).get(path), 404, null);
        assertProblem(as(other.email()).post(path + "/subscription", subscription(16)), 404, null);
        assertProblem(as(other.email()).delete(path + "/subscription"), 404, null);
        assertProblem(as(customer.email()).post(path + "/subscription/changes", Map.of("concurrentUsers", 20)), 422, "status");
    }

    @Test
    void aCustomerThatIsNotValidatedIsToldWhatIsMissing() {
        PartnerAccount partner = accounts.verifiedPartner("Unvalidated Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "No Address GmbH", false);
        Response trial = as(customer.email()).post("/api/v1/instances", trial(subdomain()));
        assertThat(trial.status()).isEqualTo(201);
        Response refused = as(customer.email()).post("/api/v1/instances/" + trial.text("id") + "/subscription",
                subscription(5));
        assertProblem(refused, 422, "customer");
        assertThat(refused.text("detail")).contains("billing address");
    }

    @Test
    void partnersSeeTheirCustomersInstancesAndOperatorsSeeAll() {
        PartnerAccount partner = accounts.verifiedPartner("Viewing Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "Seen GmbH", true);
        PartnerAccount stranger = accounts.verifiedPartner("Stranger Partner");
        String id = as(customer.email()).post("/api/v1/instances", trial(subdomain())).text("id");

        assertThat(as(partner.email()).get("/api/v1/instances").json().findValuesAsString("id")).contains(id);
        assertThat(as(partner.email()).get("/api/v1/instances/" + id).text("customerName")).isEqualTo("Seen GmbH");
        assertProblem(as(partner.email()).post("/api/v1/instances/" + id + "/subscription", subscription(5)), 403, null);
        assertThat(as(stranger.email()).get("/api/v1/instances").json().findValuesAsString("id")).doesNotContain(id);
        assertProblem(as(stranger.email()).get("/api/v1/instances/" + id), 404, null);
        assertThat(as(OPERATOR_EMAIL).get("/api/v1/instances?status=TRIAL").json().findValuesAsString("id")).contains(id);
        assertProblem(as(OPERATOR_EMAIL).get("/api/v1/instances?status=SLEEPING"), 400, "status");
        assertProblem(as(partner.email()).post("/api/v1/instances", trial(subdomain())), 403, null);
    }

    private static List<String> subjectsTo(String email) {
        List<String> subjects = new ArrayList<>();
        for (var message : MAIL.getReceivedMessages()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(email)) {
                    subjects.add(message.getSubject());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    private static void awaitMails(String email, long count) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (Mailbox.countTo(MAIL, email) < count && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(Mailbox.countTo(MAIL, email)).isEqualTo(count);
    }
}
