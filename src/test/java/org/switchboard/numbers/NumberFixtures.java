package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/** Instances, inventory and orders for the numbers module's integration tests, through the API. */
public final class NumberFixtures {

    private NumberFixtures() {
    }

    public static Api as(int port, String email) {
        return new Api(port).as(email, IntegrationTestBase.PASSWORD);
    }

    public static Api operator(int port) {
        return as(port, IntegrationTestBase.OPERATOR_EMAIL);
    }

    /** A Basic subscription sold without a trial at the clock's instant; answers its id. */
    public static String subscribe(int port, CustomerAccount customer, int concurrentUsers) {
        Map<String, Object> body = new HashMap<>(Map.of("plan", "basic", "concurrentUsers", concurrentUsers,
                "iban", "DE89 3704 0044 0532 0130 00", "accountHolder", "Account holder", "mandateAccepted", true));
        body.putAll(Map.of("name", "Head office", "subdomain", "num-" + UUID.randomUUID().toString().substring(0, 8),
                "country", "DE", "trial", false));
        Response created = as(port, customer.email()).post("/api/v1/instances", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    public static String trial(int port, CustomerAccount customer) {
        Response created = as(port, customer.email()).post("/api/v1/instances", Map.of("name", "Trial office",
                "subdomain", "numt-" + UUID.randomUUID().toString().substring(0, 8), "country", "DE", "trial", true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    /** A subscriber number not used before in this run: 7 digits after the area code. */
    public static String freshSubscriber() {
        return String.valueOf(2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
    }

    public static Response importSingles(int port, String city, String... numbers) {
        return operator(port).post("/api/v1/number-ranges", Map.of("kind", "SINGLE", "numbers", String.join("\n", numbers),
                "city", city));
    }

    public static Response importBlock(int port, String city, String base, int digits) {
        return operator(port).post("/api/v1/number-ranges", Map.of("kind", "BLOCK", "base", base,
                "extensionDigits", digits, "city", city));
    }

    public static Map<String, Object> order(String areaCode, String kind, Integer blockSize) {
        Map<String, Object> body = new HashMap<>(Map.of("areaCode", areaCode, "kind", kind, "street", "Markt 1",
                "postcode", "04109", "city", "Leipzig", "addressInArea", true));
        if (blockSize != null) {
            body.put("blockSize", blockSize);
        }
        return body;
    }

    public static void await(BooleanSupplier condition) {
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
