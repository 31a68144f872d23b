package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.numbers.NumberFixtures.as;
import static org.switchboard.numbers.NumberFixtures.freshSubscriber;
import static org.switchboard.numbers.NumberFixtures.importSingles;
import static org.switchboard.numbers.NumberFixtures.operator;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.instances.InstanceId;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/**
 * Keeping the provider: an operator's template (a bad host refused), a customer's trunk with its
 * password stored sealed and shown masked, read in the clear by the SIP core's API only.
 */
class TrunksIntegrationTest extends IntegrationTestBase {

    @Autowired
    AccountFixtures accounts;
    @Autowired
    Trunks trunks;
    @Autowired
    NumberRouting routing;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PortingCompletion completion;

    @Test
    void aCustomerKeepsItsProviderOnATrunkWhosePasswordOnlyTheSipCoreReads() {
        String provider = "Provider " + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> template = new HashMap<>(Map.of("providerName", provider, "registrar", "sip provider",
                "transport", "UDP", "numberFormat", "E164", "callerIdHeader", "P_ASSERTED_IDENTITY", "registers", true,
                "expirySeconds", 600));
        Response bad = operator(port).post("/api/v1/trunk-templates", template);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("field")).isEqualTo("registrar");
        assertThat(bad.text("detail")).contains("not a host name");
        template.put("registrar", "sip.provider.example:5060");
        // the SIP core registers through the outbound proxy: on loopback's discard port, so that no name is
        // looked up and nothing answers
        template.put("outboundProxy", "127.0.0.1:9");
        Response made = operator(port).post("/api/v1/trunk-templates", template);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(operator(port).post("/api/v1/trunk-templates", template).status()).isEqualTo(409);
        String templateId = made.text("id");

        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner(), "Trunk Kunde GmbH", true);
        assertThat(as(port, customer.email()).post("/api/v1/trunk-templates", template).status()).isEqualTo(403);
        String instance = NumberFixtures.subscribe(port, customer, 5);
        String own = "+4930" + freshSubscriber() + "1";
        String platformNumber = "+4940" + freshSubscriber();
        assertThat(importSingles(port, "Hamburg", platformNumber).status()).isEqualTo(201);

        Response refused = as(port, customer.email()).post("/api/v1/instances/" + instance + "/trunks",
                Map.of("templateId", templateId, "name", "Office line", "username", "4930123", "password",
                        "s3cret-Passw0rd", "numbers", List.of(own, platformNumber)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("is a number of the platform");
        Response invalid = as(port, customer.email()).post("/api/v1/instances/" + instance + "/trunks",
                Map.of("templateId", templateId, "name", "", "username", "u", "password", "", "numbers", List.of("12")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("name").contains("password").contains("numbers");

        Response trunk = as(port, customer.email()).post("/api/v1/instances/" + instance + "/trunks",
                Map.of("templateId", templateId, "name", "Office line", "username", "4930123", "password",
                        "s3cret-Passw0rd", "numbers", List.of(own)));
        assertThat(trunk.status()).as(trunk.toString()).isEqualTo(201);
        assertThat(trunk.body()).doesNotContain("s3cret-Passw0rd");
        assertThat(trunk.text("maskedPassword")).isEqualTo("••••••rd");
        assertThat(as(port, customer.email()).get("/api/v1/instances/" + instance + "/trunks").body())
                .doesNotContain("s3cret").contains(own);
        String stored = jdbc.sql("select sealed_password from trunks where instance_id = ?")
                .param(UUID.fromString(instance)).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain("s3cret");

        InstanceId id = new InstanceId(UUID.fromString(instance));
        Trunks.Trunk forSip = trunks.ofInstance(id).get(0);
        assertThat(forSip.password()).isEqualTo("s3cret-Passw0rd");
        assertThat(forSip.template().registrar()).isEqualTo("sip.provider.example:5060");
        assertThat(forSip.toString()).doesNotContain("s3cret");
        assertThat(trunks.carrying(own)).get().extracting(Trunks.Trunk::name).isEqualTo("Office line");
        assertThat(trunks.registering()).anyMatch(t -> t.id().equals(forSip.id()));
        assertThat(routing.inbound(own)).get().satisfies(r -> {
            assertThat(r.instance()).isEqualTo(id);
            assertThat(r.target()).isEqualTo(InboundRoute.Target.MAIN_LINE);
        });
        Response twice = as(port, customer.email()).post("/api/v1/instances/" + instance + "/trunks",
                Map.of("templateId", templateId, "name", "Again", "username", "x", "password", "y", "numbers", List.of(own)));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("detail")).contains("carried by a trunk already");
    }

    @Test
    void aTrunksOwnNumbersAndBlocksRouteToExtensionsAndShowAsCallerIdLikePlatformNumbers() {
        String provider = "Provider " + UUID.randomUUID().toString().substring(0, 6);
        Response made = operator(port).post("/api/v1/trunk-templates", Map.of("providerName", provider, "registrar",
                "sip.provider.example", "transport", "UDP", "numberFormat", "E164", "callerIdHeader", "FROM",
                "registers", false, "expirySeconds", 600));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner(), "Durchwahl Kunde GmbH", true);
        String instance = NumberFixtures.subscribe(port, customer, 5);
        InstanceId id = new InstanceId(UUID.fromString(instance));
        for (String[] s : new String[][] { { "101", "Anna Adler" }, { "102", "Bernd Berg" } }) {
            Response subject = as(port, customer.email()).post("/api/v1/instances/" + instance + "/subjects",
                    Map.of("kind", "EMPLOYEE", "extension", s[0], "name", s[1]));
            assertThat(subject.status()).as(subject.toString()).isEqualTo(201);
        }
        String single = "+4930" + freshSubscriber() + "1";
        Response trunk = as(port, customer.email()).post("/api/v1/instances/" + instance + "/trunks",
                Map.of("templateId", made.text("id"), "name", "Head office", "username", "u1", "password", "pw-123456",
                        "numbers", List.of(single)));
        assertThat(trunk.status()).as(trunk.toString()).isEqualTo(201);
        String numbersPath = "/api/v1/instances/" + instance + "/trunks/" + trunk.text("id") + "/numbers";
        UUID trunkId = UUID.fromString(trunk.text("id"));

        // the provider's DIDs: a block of 10, written nationally
        String base = "+4930" + freshSubscriber();
        String national = "030 " + base.substring(5);
        Response bad = as(port, customer.email()).post(numbersPath, Map.of("numbers", List.of("12", base + " (x7)")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("field")).isEqualTo("numbers");
        String platformNumber = "+4940" + freshSubscriber();
        assertThat(importSingles(port, "Hamburg", platformNumber).status()).isEqualTo(201);
        Response platform = as(port, customer.email()).post(numbersPath,
                Map.of("numbers", List.of(national + " (x10)", platformNumber)));
        assertThat(platform.status()).isEqualTo(409);
        assertThat(platform.text("detail")).contains("is a number of the platform").contains("nothing was saved");
        Response block = as(port, customer.email()).post(numbersPath, Map.of("numbers", List.of(national + " (x10)")));
        assertThat(block.status()).as(block.toString()).isEqualTo(201);
        assertThat(block.body()).contains(base).contains("\"extensionDigits\":1");

        // another customer cannot take them on its own trunk, nor route them
        CustomerAccount other = accounts.invitedCustomer(accounts.verifiedPartner(), "Andere Kunde GmbH", true);
        String otherInstance = NumberFixtures.subscribe(port, other, 2);
        Response taken = as(port, other.email()).post("/api/v1/instances/" + otherInstance + "/trunks",
                Map.of("templateId", made.text("id"), "name", "Mine", "username", "u2", "password", "pw-654321",
                        "numbers", List.of(base + "5")));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("detail")).contains("carried by a trunk already");
        assertThat(as(port, other.email()).put("/api/v1/instances/" + otherInstance + "/numbers/" + base + "5/route",
                Map.of("target", "MAIN_LINE", "extensions", List.of())).status()).isEqualTo(404);

        // before a route: the main line, over the trunk
        assertThat(routing.inbound(base + "5")).get().satisfies(r -> {
            assertThat(r.instance()).isEqualTo(id);
            assertThat(r.target()).isEqualTo(InboundRoute.Target.MAIN_LINE);
            assertThat(r.viaTrunk()).contains(trunkId);
        });
        Response routed = as(port, customer.email()).put("/api/v1/instances/" + instance + "/numbers/" + base + "5/route",
                Map.of("target", "EXTENSION", "extensions", List.of("102")));
        assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
        Response group = as(port, customer.email()).put("/api/v1/instances/" + instance + "/numbers/" + single + "/route",
                Map.of("target", "GROUP", "extensions", List.of("101", "102")));
        assertThat(group.status()).as(group.toString()).isEqualTo(200);
        Response unknown = as(port, customer.email()).put("/api/v1/instances/" + instance + "/numbers/" + base + "6/route",
                Map.of("target", "EXTENSION", "extensions", List.of("999")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(routing.inbound(base + "5")).get().satisfies(r -> {
            assertThat(r.target()).isEqualTo(InboundRoute.Target.EXTENSION);
            assertThat(r.extensions()).containsExactly("102");
            assertThat(r.trunk()).isEqualTo(trunkId);
        });
        assertThat(routing.inbound(single).orElseThrow().extensions()).containsExactly("101", "102");
        assertThat(routing.inbound(base + "6").orElseThrow().target()).isEqualTo(InboundRoute.Target.MAIN_LINE);
        assertThat(as(port, customer.email()).get("/api/v1/instances/" + instance + "/trunks").body())
                .contains(base + "9");

        // the caller id of 102 is the block's number: calls go out through the trunk
        Response callerId = as(port, customer.email()).put("/api/v1/instances/" + instance + "/caller-ids/102",
                Map.of("number", base + "5"));
        assertThat(callerId.status()).as(callerId.toString()).isEqualTo(200);
        assertThat(routing.callerIdOf(id, "102")).contains(base + "5");
        assertThat(routing.trunkOf(routing.callerIdOf(id, "102").orElseThrow())).contains(trunkId);
        assertThat(routing.trunkOf(platformNumber)).isEmpty();
        assertThat(as(port, customer.email()).get("/api/v1/instances/" + instance + "/caller-ids").body())
                .contains(base + "5");

        // the block removed: no route, no caller id, and free for another trunk
        Response removed = as(port, customer.email()).delete(numbersPath + "/" + base);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(as(port, customer.email()).delete(numbersPath + "/" + base).status()).isEqualTo(404);
        assertThat(routing.inbound(base + "5")).isEmpty();
        assertThat(routing.callerIdOf(id, "102")).isEmpty();
        assertThat(routing.trunkOf(base + "5")).isEmpty();
        assertThat(routing.inbound(single)).isPresent();
    }

    @Test
    void theInventoryAndOtherCustomersRefuseATrunksNumbersAndPortingItInTakesItOffTheOwnTrunk() {
        Response made = operator(port).post("/api/v1/trunk-templates", Map.of("providerName", "Provider "
                + UUID.randomUUID().toString().substring(0, 6), "registrar", "127.0.0.1:9", "transport", "UDP",
                "numberFormat", "E164", "callerIdHeader", "FROM", "registers", false, "expirySeconds", 600));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        CustomerAccount keeper = accounts.invitedCustomer(accounts.verifiedPartner(), "Anbieter Treu GmbH", true);
        String instance = NumberFixtures.subscribe(port, keeper, 5);
        String own = "+4930" + freshSubscriber() + "1";
        Response trunk = as(port, keeper.email()).post("/api/v1/instances/" + instance + "/trunks",
                Map.of("templateId", made.text("id"), "name", "Office line", "username", "u7", "password", "pw-7654321",
                        "numbers", List.of(own)));
        assertThat(trunk.status()).as(trunk.toString()).isEqualTo(201);
        assertThat(as(port, keeper.email()).post("/api/v1/instances/" + instance + "/subjects", Map.of("kind",
                "EMPLOYEE", "extension", "101", "name", "Clara Conrad")).status()).isEqualTo(201);
        Response shown = as(port, keeper.email()).put("/api/v1/instances/" + instance + "/caller-ids/101",
                Map.of("number", own));
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);

        Response imported = importSingles(port, "Berlin", own);
        assertThat(imported.status()).isEqualTo(409);
        assertThat(imported.text("detail")).contains("which a customer's own trunk carries").contains("nothing was imported");
        assertThat(jdbc.sql("select count(*) from numbers where e164 = ?").param(own).query(Long.class).single()).isZero();

        String date = PortingCalendar.earliest(LocalDate.now(clock)).toString();
        CustomerAccount other = accounts.invitedCustomer(accounts.verifiedPartner(), "Fremd Port GmbH", true);
        String otherInstance = NumberFixtures.subscribe(port, other, 5);
        Response stolen = as(port, other.email()).post("/api/v1/instances/" + otherInstance + "/porting-orders",
                PortingStoryIntegrationTest.order(List.of(own), "Hauptstraße 5", date));
        assertThat(stolen.status()).isEqualTo(409);
        assertThat(stolen.text("detail")).contains("is carried by another customer's own trunk");

        // the customer itself ports the number from its provider: on completion it leaves the trunk
        Api admin = as(port, keeper.email());
        Response created = admin.post("/api/v1/instances/" + instance + "/porting-orders",
                PortingStoryIntegrationTest.order(List.of(own), "Hauptstraße 5", date));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(admin.postFile("/api/v1/porting-orders/" + id + "/signed-form", "file", "scan.png", "image/png",
                PortingStoryIntegrationTest.PNG).status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/porting-orders/" + id + "/submission", Map.of()).text("status"))
                .isEqualTo("SUBMITTED");
        assertThat(operator(port).post("/api/v1/porting-orders/" + id + "/confirmation",
                Map.of("portingDate", LocalDate.now(clock).toString())).text("status")).isEqualTo("CONFIRMED");
        assertThat(trunks.carrying(own)).isPresent();
        completion.completeDue();
        assertThat(trunks.carrying(own)).isEmpty();
        assertThat(routing.trunkOf(own)).isEmpty();
        assertThat(routing.callerIdOf(new InstanceId(UUID.fromString(instance)), "101")).contains(own);
        assertThat(routing.inbound(own)).get().satisfies(r -> {
            assertThat(r.instance().value().toString()).isEqualTo(instance);
            assertThat(r.viaTrunk()).isEmpty();
        });
    }
}
