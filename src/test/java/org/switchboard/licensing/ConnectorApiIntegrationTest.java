package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Connector;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.licensing.internal.ReclaimJob;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;

class ConnectorApiIntegrationTest extends IntegrationTestBase {

    @Autowired
    LicensingFixtures fixtures;

    @Autowired
    ReclaimJob reclaim;

    static void assertProblem(Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        assertThat(r.text("detail")).as(r.toString()).isNotBlank();
        if (field != null) {
            assertThat(r.text("field")).as(r.toString()).isEqualTo(field);
        }
    }

    static void assertAnswer(Response r, boolean admitted, int occupied) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("admitted").asBoolean()).as(r.toString()).isEqualTo(admitted);
        assertThat(r.json().path("occupied").asInt()).as(r.toString()).isEqualTo(occupied);
        assertThat(r.text("reason")).isNotBlank();
    }

    @Test
    void aPhoneSystemReportsSessionsPairingsAndCallsAndIsAnsweredByTheRules() {
        Setup setup = fixtures.subscribed(2, 3, 1);
        Connector pbx = new Connector(port, setup);

        assertAnswer(pbx.send("DESKTOP_OPENED", "100", "d-100"), true, 1);
        assertAnswer(pbx.send("MOBILE_PAIRED", "100", "m-100"), true, 1);
        assertAnswer(pbx.send("OUTBOUND_CALL_STARTED", "100", "c-1", "+4930123456"), true, 1);
        assertAnswer(pbx.send("INBOUND_CALL", "101", "in-1"), true, 1);
        assertAnswer(pbx.send("OUTBOUND_CALL_STARTED", "900", "c-2", "+4930999"), true, 2);

        Response refused = pbx.send("DESKTOP_OPENED", "102", "d-102");
        assertAnswer(refused, false, 2);
        assertThat(refused.text("reason")).contains("inbound calls only");
        Response call = pbx.send("OUTBOUND_CALL_STARTED", "101", "c-3", "+4989111");
        assertAnswer(call, false, 2);
        assertThat(call.text("reason")).startsWith("Licence limit reached");

        Response emergency = pbx.send("OUTBOUND_CALL_STARTED", "102", "c-112", "112");
        assertAnswer(emergency, true, 3);
        assertThat(emergency.json().path("emergency").asBoolean()).isTrue();

        JsonNode licence = pbx.licence().json();
        assertThat(licence.path("licensed").asInt()).isEqualTo(2);
        assertThat(licence.path("occupied").asInt()).isEqualTo(3);
        assertThat(licence.path("holders")).hasSize(3);
        assertThat(licence.path("holders").get(0).path("subject").asString()).isEqualTo("100");
        assertThat(licence.path("holders").get(0).path("reasons").toString())
                .contains("DESKTOP_SESSION", "MOBILE_PAIRING", "OUTBOUND_CALL");

        // Repeated events change nothing.
        assertAnswer(pbx.send("DESKTOP_OPENED", "100", "d-100"), true, 3);
        assertAnswer(pbx.send("DESKTOP_OPENED", "102", "d-102"), false, 3);
        assertAnswer(pbx.send("CALL_ENDED", "102", "c-112"), true, 2);
        assertAnswer(pbx.send("CALL_ENDED", "102", "c-112"), true, 2);
        assertAnswer(pbx.send("CALL_ENDED", "101", "never-started"), true, 2);

        // The customer admin, the partner and operators see the same licence.
        Api customer = new Api(port).as(setup.customer().email(), PASSWORD);
        assertThat(customer.get(setup.path() + "/licence").json().path("occupied").asInt()).isEqualTo(2);
        assertThat(new Api(port).as(setup.partner().email(), PASSWORD).get(setup.path() + "/licence").status())
                .isEqualTo(200);
        assertThat(new Api(port).as(OPERATOR_EMAIL, PASSWORD).get(setup.path() + "/licence").status()).isEqualTo(200);

        // A refusal is mailed to the customer's and the partner's admins, once an hour.
        awaitMail(setup.customer().email(), "Licence limit reached");
        awaitMail(setup.partner().email(), "Licence limit reached");
        pbx.send("MOBILE_PAIRED", "101", "m-101");
        sleep(500);
        assertThat(mailsTo(setup.customer().email(), "Licence limit reached")).isEqualTo(1);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        Setup setup = fixtures.subscribed(1, 2, 0);
        Connector pbx = new Connector(port, setup);
        assertAnswer(pbx.send("DESKTOP_OPENED", "100", "d-1"), true, 1);

        assertProblem(pbx.send("DESKTOP_PAINTED", "101", "d-2"), 400, "type");
        assertProblem(pbx.send("DESKTOP_OPENED", "555", "d-2"), 400, "subject");
        assertProblem(pbx.post("{\"type\":\"DESKTOP_OPENED\",\"subject\":\"101\"}"), 400, "ref");
        assertProblem(pbx.post("{\"type\":\"DESKTOP_OPENED\",\"subject\":\"101\",\"ref\":\"d-2\",\"colour\":1}"), 400,
                "colour");
        assertProblem(pbx.post("{\"type\":\"DESKTOP_OPENED\",\"subject\":\"101\",\"ref\":\"d-2\",\"at\":\""
                + clock.instant().plus(Duration.ofDays(2)) + "\"}"), 400, "at");
        assertProblem(pbx.post("{\"type\":\"DESKTOP_OPENED\",\"subject\":\"101\",\"ref\":\"d-2\",\"at\":\""
                + clock.instant().minus(Duration.ofDays(2)) + "\"}"), 400, "at");
        assertProblem(pbx.post("{\"type\":\"DESKTOP_OPENED\",\"subj"), 400, "body");
        assertProblem(pbx.post("[1,2]"), 400, "body");
        assertProblem(pbx.post("{\"type\":\"DESKTOP_OPENED\",\"subject\":\"101\",\"ref\":\"" + "x".repeat(70_000)
                + "\"}"), 413, null);
        assertProblem(new Connector(port, setup.path(), "sbk_wrong").send("DESKTOP_OPENED", "101", "d-2"), 401, null);

        Setup other = fixtures.subscribed(5, 2, 0);
        Response foreign = new Connector(port, other.path(), setup.key()).send("DESKTOP_OPENED", "101", "d-2");
        assertProblem(foreign, 401, null);
        assertThat(new Connector(port, other).licence().json().path("occupied").asInt()).isZero();

        Api admin = new Api(port).as(setup.customer().email(), PASSWORD);
        String keyId = admin.get(setup.path() + "/connector-keys").json().get(0).path("id").asString();
        assertThat(admin.get(setup.path() + "/connector-keys").body()).doesNotContain(setup.key());
        assertThat(admin.delete(setup.path() + "/connector-keys/" + keyId).status()).isEqualTo(204);
        assertProblem(pbx.send("DESKTOP_OPENED", "101", "d-2"), 401, null);

        JsonNode licence = admin.get(setup.path() + "/licence").json();
        assertThat(licence.path("occupied").asInt()).isEqualTo(1);
        assertThat(licence.path("holders")).hasSize(1);
    }

    @Test
    void subjectsAreManagedByTheCustomersAdminsOneByOneOrAsCsv() {
        Setup setup = fixtures.subscribed(3, 0, 0);
        Api admin = new Api(port).as(setup.customer().email(), PASSWORD);
        Response added = admin.post(setup.path() + "/subjects", Map.of("kind", "EMPLOYEE", "extension", "201",
                "name", "Anna Berger", "email", "anna@huber.example"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertProblem(admin.post(setup.path() + "/subjects", Map.of("kind", "EMPLOYEE", "extension", "201",
                "name", "Anna Twin")), 409, "extension");
        assertProblem(admin.post(setup.path() + "/subjects", Map.of("kind", "FUNCTION", "extension", "2x",
                "name", "Fax")), 400, "extension");
        assertProblem(new Api(port).as(setup.partner().email(), PASSWORD).post(setup.path() + "/subjects",
                Map.of("kind", "EMPLOYEE", "extension", "202", "name", "By Partner")), 403, null);

        String csv = """
                kind,extension,name,email,functionType
                EMPLOYEE,202,Bernd Huber,bernd@huber.example,
                FUNCTION,290,"Fax, 2nd floor",,FAX
                EMPLOYEE,201,Anna Again,,
                FUNCTION,291,Lift,,ESCALATOR
                EMPLOYEE,203
                EMPLOYEE,202,Bernd Twice,,
                """;
        Response report = LicensingFixtures.postCsv(port, setup.customer().email(), setup.path() + "/subjects/import",
                csv);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.json().path("added").asInt()).isEqualTo(2);
        assertThat(report.json().path("refused")).hasSize(4);
        assertThat(report.json().path("refused").get(0).path("line").asInt()).isEqualTo(4);
        assertThat(report.json().path("refused").get(0).path("reason").asString()).contains("taken");
        assertThat(report.json().path("refused").get(1).path("reason").asString()).contains("ESCALATOR");

        JsonNode list = admin.get(setup.path() + "/subjects").json();
        assertThat(list).hasSize(3);
        assertThat(list.get(1).path("name").asString()).isEqualTo("Bernd Huber");

        // A subject removed gives back what it held.
        String key = new Api(port).as(setup.customer().email(), PASSWORD).post(setup.path() + "/connector-keys",
                Map.of("label", "PBX 2")).text("key");
        Connector pbx = new Connector(port, setup.path(), key);
        assertAnswer(pbx.send("DESKTOP_OPENED", "202", "d-1"), true, 1);
        String bernd = list.get(1).path("id").asString();
        assertThat(admin.delete(setup.path() + "/subjects/" + bernd).status()).isEqualTo(204);
        assertThat(pbx.licence().json().path("occupied").asInt()).isZero();
        assertProblem(pbx.send("DESKTOP_OPENED", "202", "d-2"), 400, "subject");
    }

    @Test
    void aCsvLineWithAControlCharacterIsRefusedAndQuotedWithoutItAndAnOversizedFileIsRefusedWhole() {
        Setup setup = fixtures.subscribed(3, 0, 0);
        Api admin = new Api(port).as(setup.customer().email(), PASSWORD);
        String csv = "EMPLOYEE,301,Nul\u0000Byte,,\n"
                + "EMPLOYEE,302,Bell\u0007Ringer,,\n"
                + "EMPLOYEE,303,\"Tab\tIs Fine\",,\r\n"
                + "FUNCTION,30\u001b4,Escape,,FAX\n";
        Response report = LicensingFixtures.postCsv(port, setup.customer().email(), setup.path() + "/subjects/import", csv);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.json().path("added").asInt()).isEqualTo(1);
        JsonNode refused = report.json().path("refused");
        assertThat(refused).hasSize(3);
        assertThat(refused.get(0).path("line").asInt()).isEqualTo(1);
        assertThat(refused.get(0).path("content").asString()).isEqualTo("EMPLOYEE,301,Nul?Byte,,");
        assertThat(refused.get(0).path("reason").asString()).contains("control character");
        assertThat(refused.get(2).path("line").asInt()).isEqualTo(4);
        for (JsonNode line : refused) {
            assertThat(line.path("content").asString()).doesNotContainPattern("\\p{Cntrl}");
        }
        JsonNode subjects = admin.get(setup.path() + "/subjects").json();
        assertThat(subjects).hasSize(1);
        assertThat(subjects.get(0).path("name").asString()).isEqualTo("Tab\tIs Fine");

        String huge = "EMPLOYEE,1,A,,\n".repeat(SubjectManagement.MAX_CSV_LINES + 1);
        Response tooLong = LicensingFixtures.postCsv(port, setup.customer().email(), setup.path() + "/subjects/import", huge);
        assertProblem(tooLong, 400, "csv");
        assertThat(tooLong.errorMessage("csv")).contains("at most 10000");
        assertThat(admin.get(setup.path() + "/subjects").json()).hasSize(1);
    }

    @Test
    void silentDesktopsAndEndlessCallsAreReclaimedWhenTheClockMoves() {
        Setup setup = fixtures.subscribed(3, 3, 0);
        Connector pbx = new Connector(port, setup);
        pbx.send("DESKTOP_OPENED", "100", "d-1");
        pbx.send("DESKTOP_OPENED", "101", "d-2");
        pbx.send("OUTBOUND_CALL_STARTED", "102", "c-1", "+4930123");
        clock.advance(Duration.ofSeconds(60));
        assertAnswer(pbx.send("DESKTOP_HEARTBEAT", "101", "d-2"), true, 3);
        clock.advance(Duration.ofSeconds(31));
        reclaim.runNow();
        JsonNode licence = pbx.licence().json();
        assertThat(licence.path("occupied").asInt()).isEqualTo(2);
        assertThat(licence.path("holders").toString()).doesNotContain("\"100\"");
        assertAnswer(pbx.send("DESKTOP_HEARTBEAT", "100", "d-1"), false, 2);

        // Heartbeats keep 101; the call is reclaimed after 12 hours.
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofHours(4));
            pbx.send("DESKTOP_HEARTBEAT", "101", "d-2");
            reclaim.runNow();
        }
        clock.advance(Duration.ofSeconds(10));
        pbx.send("DESKTOP_HEARTBEAT", "101", "d-2");
        reclaim.runNow();
        licence = pbx.licence().json();
        assertThat(licence.path("occupied").asInt()).isEqualTo(1);
        assertThat(licence.path("holders").get(0).path("subject").asString()).isEqualTo("101");
    }

    static long mailsTo(String to, String subject) {
        return java.util.Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(to) && m.getSubject().contains(subject);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    @Test
    void anUpgradeGrowsThePoolAtOnce() {
        Setup setup = fixtures.subscribed(1, 2, 0);
        Connector pbx = new Connector(port, setup);
        assertAnswer(pbx.send("DESKTOP_OPENED", "100", "d-1"), true, 1);
        assertAnswer(pbx.send("DESKTOP_OPENED", "101", "d-2"), false, 1);
        Response upgraded = new Api(port).as(setup.customer().email(), PASSWORD).post(setup.path()
                + "/subscription/changes", Map.of("concurrentUsers", 2));
        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        long deadline = System.currentTimeMillis() + 15_000;
        while (pbx.licence().json().path("licensed").asInt() != 2 && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        assertThat(pbx.licence().json().path("licensed").asInt()).isEqualTo(2);
        assertAnswer(pbx.send("DESKTOP_OPENED", "101", "d-3"), true, 2);
    }

    @Test
    void metricsAndApiDocsDescribeTheLicences() {
        Setup setup = fixtures.subscribed(1, 2, 0);
        Connector pbx = new Connector(port, setup);
        pbx.send("DESKTOP_OPENED", "100", "d-1");
        pbx.send("DESKTOP_OPENED", "101", "d-2");
        String metrics = new Api(port).get("/actuator/prometheus").body();
        assertThat(metrics).contains("licence_occupied{instance=\"" + setup.instance().value() + "\"} 1.0",
                "licence_licensed{instance=\"" + setup.instance().value() + "\"} 1.0", "licence_refusals_total",
                "licence_admissions_total");
        JsonNode paths = new Api(port).get("/v3/api-docs").json().path("paths");
        assertThat(paths.has("/api/v1/instances/{id}/licence/events")).isTrue();
        assertThat(paths.path("/api/v1/instances/{id}/licence").path("get").path("parameters").toString())
                .doesNotContain("caller");
    }

    void awaitMail(String to, String subject) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            for (var m : MAIL.getReceivedMessages()) {
                try {
                    if (m.getAllRecipients()[0].toString().equalsIgnoreCase(to) && m.getSubject().contains(subject)) {
                        return;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            sleep(100);
        }
        throw new AssertionError("No mail '" + subject + "' to " + to);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
