package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

/** The phone system reports its calls with its own connector key, as it reports licence events. */
class CallRecordsByConnectorIntegrationTest extends IntegrationTestBase {

    @Autowired
    AccountFixtures accounts;

    @Test
    void aConnectorKeyReportsTheCallsOfItsOwnInstanceOnly() throws Exception {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Cdr Partner"), "Cdr GmbH", true);
        String mine = SubscriptionFixtures.subscribe(port, customer, "Head office", 10);
        String other = SubscriptionFixtures.subscribe(port, customer, "Branch", 10);
        Api admin = new Api(port).as(customer.email(), PASSWORD);
        var created = admin.post("/api/v1/instances/" + mine + "/connector-keys", Map.of("label", "PBX"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.text("key");

        Instant answer = clock.instant().minusSeconds(3600);
        String batch = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(List.of(Map.of("callId", "c-" + UUID.randomUUID(),
                "subject", "101", "from", "+4930123456", "to", "+4930901820", "start", answer.minusSeconds(5).toString(),
                "answer", answer.toString(), "end", answer.plusSeconds(61).toString(), "direction", "OUTBOUND",
                "trunk", "platform")));

        HttpResponse<String> ok = post(mine, "Bearer " + key, batch);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(new Api.Response(ok.statusCode(), null, ok.body(), ok.headers()).json().path("stored").asInt())
                .isEqualTo(1);

        HttpResponse<String> elsewhere = post(other, "Bearer " + key, batch);
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        assertThat(elsewhere.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        assertThat(post(mine, "Bearer sbk_not-a-key", batch).statusCode()).isEqualTo(401);
        assertThat(post(mine, null, batch).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> post(String instance, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/v1/instances/" + instance + "/cdrs")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
