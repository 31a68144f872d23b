package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/**
 * Emergency numbers by the phone system's country, and premium-rate and service numbers, as a
 * phone system reports them: emergency calls are accepted and never billed; special numbers no
 * zone names are kept unrated for the operator.
 */
class SpecialNumbersIntegrationTest extends IntegrationTestBase {

    @Autowired
    AccountFixtures accounts;
    @Autowired
    org.switchboard.billing.internal.SubscriptionTimelines timelines;

    @Test
    void anAustrianPhoneSystemsEmergencyCallsAreAcceptedAndNeverBilled() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Wien Partner"), "Wien GmbH", true);
        String vienna = SubscriptionFixtures.subscribe(port, customer, "Wien", 10, "AT");
        SubscriptionFixtures.awaitTimeline(timelines, vienna, 1);
        Instant t = clock.instant().plusSeconds(60);
        clock.advance(Duration.ofHours(1)); // call records are sent after their calls ended
        List<Map<String, Object>> calls = List.of(call("133", t), call("144", t.plusSeconds(60)),
                call("122", t.plusSeconds(120)), call("+43133", t.plusSeconds(180)),
                call("+4930901820", t.plusSeconds(240)));
        Response batch = api(customer).post("/api/v1/instances/" + vienna + "/cdrs", calls);
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().path("stored").asInt()).isEqualTo(5);
        assertThat(batch.json().path("notBillable").asInt()).isEqualTo(4);
        assertThat(batch.json().path("rated").asInt()).isEqualTo(1);
    }

    @Test
    void aGermanPhoneSystemsE164EmergencyCallIsNotBilledAndAnotherCountrysShortNumberIsRefused() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Köln Partner"), "Köln GmbH", true);
        String cologne = SubscriptionFixtures.subscribe(port, customer, "Köln", 10);
        SubscriptionFixtures.awaitTimeline(timelines, cologne, 1);
        Instant t = clock.instant().plusSeconds(60);
        clock.advance(Duration.ofHours(1)); // call records are sent after their calls ended
        Response batch = api(customer).post("/api/v1/instances/" + cologne + "/cdrs",
                List.of(call("+49112", t), call("+49110", t.plusSeconds(60)), call("112", t.plusSeconds(120))));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().path("notBillable").asInt()).isEqualTo(3);
        assertThat(batch.json().path("rated").asInt()).isZero();

        // 133 is Austria's police, not a German number: the whole batch is refused, naming the record.
        Response refused = api(customer).post("/api/v1/instances/" + cologne + "/cdrs",
                List.of(call("+4930901820", t.plusSeconds(180)), call("133", t.plusSeconds(240))));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("records[1].to").contains("emergency number of DE");
        Response after = api(customer).post("/api/v1/instances/" + cologne + "/cdrs",
                List.of(call("+4930901820", t.plusSeconds(180))));
        assertThat(after.json().path("stored").asInt()).as("nothing of the refused batch was kept").isEqualTo(1);
    }

    @Test
    void premiumRateNumbersAreKeptUnratedForTheOperator() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Bonn Partner"), "Bonn GmbH", true);
        String bonn = SubscriptionFixtures.subscribe(port, customer, "Bonn", 10);
        SubscriptionFixtures.awaitTimeline(timelines, bonn, 1);
        Instant t = clock.instant().plusSeconds(60);
        clock.advance(Duration.ofHours(1)); // call records are sent after their calls ended
        String premium = "+49900" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
        Response batch = api(customer).post("/api/v1/instances/" + bonn + "/cdrs",
                List.of(call(premium, t), call("+4930901820", t.plusSeconds(60))));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().path("unrated").asInt()).isEqualTo(1);
        assertThat(batch.json().path("rated").asInt()).isEqualTo(1);

        Response unrated = new Api(port).as(OPERATOR_EMAIL, PASSWORD).get("/api/v1/calls/unrated?limit=1000");
        assertThat(unrated.status()).as(unrated.toString()).isEqualTo(200);
        var seen = new java.util.ArrayList<String>();
        unrated.json().path("calls").forEach(c -> {
            if (c.path("to").asString().equals(premium)) {
                seen.add(c.path("reason").asString());
            }
        });
        assertThat(seen).containsExactly("premium-rate (0900) number: rated only by a zone with the prefix 49900");
    }

    private Api api(CustomerAccount customer) {
        return new Api(port).as(customer.email(), PASSWORD);
    }

    private static Map<String, Object> call(String to, Instant answer) {
        Map<String, Object> call = new HashMap<>(Map.of("callId", "c-" + UUID.randomUUID(), "subject", "101",
                "from", "+4930123456", "to", to, "start", answer.minusSeconds(5).toString(),
                "answer", answer.toString(), "end", answer.plusSeconds(61).toString()));
        call.putAll(Map.of("direction", "OUTBOUND", "trunk", "platform"));
        return call;
    }
}
