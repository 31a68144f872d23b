package org.switchboard.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/**
 * Thirty days after a trial ends unsubscribed, the phone system is deleted, and with it its data in
 * every module: licence subjects, history and hourly figures, connector keys, SIP devices and their
 * registrations, the call history handed to billing, employees' users with their mobiles, and its
 * own trunks with their numbers. What stays: the instance's row and change history (status DELETED) and the
 * customer's one trial.
 */
class DeletedInstanceDataIntegrationTest extends IntegrationTestBase {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    AccountFixtures accounts;
    @Autowired
    InstanceLifecycle lifecycle;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDeletedTrialLeavesNoLicenceTelephonyEmployeeOrTrunkDataBehind() throws Exception {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner(), "Kurzversuch GmbH", true);
        Instant started = java.time.LocalDateTime.of(2035, 1, 10, 9, 0).atZone(BERLIN).toInstant();
        clock.set(started);
        Api admin = new Api(port).as(customer.email(), PASSWORD);
        Response created = admin.post("/api/v1/instances", Map.of("name", "Kurzversuch", "subdomain",
                "del-" + UUID.randomUUID().toString().substring(0, 8), "country", "DE", "trial", true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        String base = "/api/v1/instances/" + id;

        // a person with a desk phone and the desktop client, a connector key that reported a call
        String email = "anna-" + UUID.randomUUID().toString().substring(0, 6) + "@kurzversuch.example";
        assertThat(admin.post(base + "/subjects", Map.of("kind", "EMPLOYEE", "extension", "101", "name", "Anna Adler",
                "email", email)).status()).isEqualTo(201);
        assertThat(admin.post(base + "/devices", Map.of("extension", "101", "kind", "DESK_PHONE")).status())
                .isEqualTo(201);
        Response employee = admin.post(base + "/employees", Map.of("extension", "101"));
        assertThat(employee.status()).as(employee.toString()).isEqualTo(201);
        String key = admin.post(base + "/connector-keys", Map.of("label", "old PBX")).text("key");
        Api pbx = new Api(port).bearer(key);
        Response call = pbx.post(base + "/licence/events", Map.of("type", "OUTBOUND_CALL_STARTED", "subject", "101",
                "ref", "call-1", "destination", "+4930123456"));
        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        assertThat(pbx.post(base + "/licence/events", Map.of("type", "CALL_ENDED", "subject", "101",
                "ref", "call-1")).status()).isEqualTo(200);

        // its own trunk to the provider it kept
        Response template = new Api(port).as(OPERATOR_EMAIL, PASSWORD).post("/api/v1/trunk-templates", Map.of(
                "providerName", "Provider " + UUID.randomUUID().toString().substring(0, 6), "registrar",
                "127.0.0.1:5099", "transport", "UDP", "numberFormat", "E164", "callerIdHeader", "P_ASSERTED_IDENTITY",
                "registers", false, "expirySeconds", 600));
        assertThat(template.status()).as(template.toString()).isEqualTo(201);
        String own = "+4930" + (2_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(7_000_000)) + "7";
        Response trunk = admin.post(base + "/trunks", Map.of("templateId", template.text("id"), "name", "Old line",
                "username", "4930123", "password", "s3cret-Passw0rd", "numbers", List.of(own)));
        assertThat(trunk.status()).as(trunk.toString()).isEqualTo(201);

        UUID instance = UUID.fromString(id);
        Map<String, Integer> before = counts(instance);
        assertThat(before).as("what the trial had").containsEntry("licence_subjects", 1)
                .containsEntry("connector_keys", 1).containsEntry("phone_employees", 1).containsEntry("trunks", 1)
                .containsEntry("trunk_numbers", 1);
        assertThat(before.get("licence_history")).isPositive();
        assertThat(before.get("sip_devices")).isEqualTo(2); // the desk phone and the desktop client

        // the trial ends unsubscribed; 30 days later it is deleted
        clock.set(started.plus(Duration.ofDays(31)));
        lifecycle.runDue();
        assertThat(admin.get(base).text("status")).isEqualTo("DEACTIVATED");
        clock.set(started.plus(Duration.ofDays(62)));
        lifecycle.runDue();
        assertThat(admin.get(base).text("status")).isEqualTo("DELETED");

        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Integer> after = counts(instance);
        while (after.values().stream().anyMatch(n -> n > 0) && System.nanoTime() < until) {
            Thread.sleep(200);
            after = counts(instance);
        }
        assertThat(after).as("what is left of the deleted trial").allSatisfy((table, n) -> assertThat(n).isZero());
        assertThat(jdbc.sql("select count(*) from users where email = ?").param(email).query(Integer.class).single())
                .as("the employee's user").isZero();
        // the old PBX's key is refused, the history of the instance itself stays
        assertThat(pbx.post(base + "/licence/events", Map.of("type", "OUTBOUND_CALL_STARTED", "subject", "101",
                "ref", "call-2", "destination", "+4930123456")).status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from instance_changes where instance_id = ?").param(instance)
                .query(Integer.class).single()).isPositive();
        // still one trial ever
        Response again = admin.post("/api/v1/instances", Map.of("name", "Noch einmal", "subdomain",
                "del-" + UUID.randomUUID().toString().substring(0, 8), "country", "DE", "trial", true));
        assertThat(again.status()).isEqualTo(409);
    }

    private Map<String, Integer> counts(UUID instance) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : List.of("licence_subjects", "licence_refs", "licence_holders", "licence_history",
                "licence_hours", "connector_keys", "sip_devices", "sip_bindings", "phone_employees", "phone_mobiles",
                "phone_mobile_devices", "trunks", "trunk_numbers")) {
            counts.put(table, jdbc.sql("select count(*) from " + table + " where instance_id = ?").param(instance)
                    .query(Integer.class).single());
        }
        return counts;
    }
}
