package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.instances.InstanceId;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/** Instances sold through the API, as billing's integration tests need them, and waiting for billing to learn of them. */
final class SubscriptionFixtures {

    static final String IBAN = "DE89 3704 0044 0532 0130 00";

    private SubscriptionFixtures() {
    }

    /** A new instance sold directly as a Basic subscription (no trial) at the clock's instant; answers its id. */
    static String subscribe(int port, CustomerAccount customer, String instanceName, int concurrentUsers) {
        return subscribe(port, customer, instanceName, concurrentUsers, "DE");
    }

    /** The same, for a phone system in {@code country}. */
    static String subscribe(int port, CustomerAccount customer, String instanceName, int concurrentUsers,
            String country) {
        Map<String, Object> body = new HashMap<>(Map.of("plan", "basic", "concurrentUsers", concurrentUsers,
                "iban", IBAN, "accountHolder", "Account holder", "mandateAccepted", true));
        body.putAll(Map.of("name", instanceName, "subdomain", "bill-" + UUID.randomUUID().toString().substring(0, 8),
                "country", country, "trial", false));
        Response created = new Api(port).as(customer.email(), IntegrationTestBase.PASSWORD).post("/api/v1/instances", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    /** Waits until billing's timeline of the instance has at least {@code entries} entries (events arrive after commit). */
    static void awaitTimeline(SubscriptionTimelines timelines, String instance, int entries) {
        await(() -> timelines.of(new InstanceId(UUID.fromString(instance))).map(t -> t.entries().size() >= entries)
                .orElse(false));
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
