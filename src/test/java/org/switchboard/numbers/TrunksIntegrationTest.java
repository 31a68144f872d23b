package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.numbers.NumberFixtures.as;
import static org.switchboard.numbers.NumberFixtures.freshSubscriber;
import static org.switchboard.numbers.NumberFixtures.importSingles;
import static org.switchboard.numbers.NumberFixtures.operator;

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
        template.put("outboundProxy", "proxy.provider.example");
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
        assertThat(twice.text("detail")).contains("carried by another trunk");
    }
}
