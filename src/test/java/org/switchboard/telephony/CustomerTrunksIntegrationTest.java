package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.numbers.NumberFixtures.as;
import static org.switchboard.numbers.NumberFixtures.freshSubscriber;
import static org.switchboard.numbers.NumberFixtures.operator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The platform registers to a customer's own provider (sipp): challenged with 401, it answers with
 * the trunk's credentials and is registered; a trunk with a wrong password shows the provider's
 * refusal on the API.
 */
class CustomerTrunksIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;

    @BeforeEach
    void sippInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Sipp.available(), "sipp is not installed");
    }

    @Test
    void thePlatformRegistersToTheCustomersProviderAndShowsWhetherItIsRegisteredOrRefused() {
        Setup setup = fixtures.instance(2, 1, 0);
        String instance = setup.instance().value().toString();
        int good = Sipp.FreePort.udpAndTcp();
        int strict = Sipp.FreePort.udpAndTcp();
        Sipp provider = Sipp.server("provider_register.xml", good, 1, Map.of("user", "4930111", "password",
                "right-Passw0rd")).start();
        Sipp refusing = Sipp.server("provider_register.xml", strict, 1, Map.of("user", "4930222", "password",
                "right-Passw0rd")).start();
        try {
            String goodTemplate = template("Provider " + UUID.randomUUID().toString().substring(0, 6), good);
            String strictTemplate = template("Provider " + UUID.randomUUID().toString().substring(0, 6), strict);
            Api admin = as(port, setup.customer().email());
            Response office = admin.post("/api/v1/instances/" + instance + "/trunks", Map.of("templateId",
                    goodTemplate, "name", "Office line", "username", "4930111", "password", "right-Passw0rd",
                    "numbers", List.of("+4930" + freshSubscriber() + "1")));
            assertThat(office.status()).as(office.toString()).isEqualTo(201);
            Response branch = admin.post("/api/v1/instances/" + instance + "/trunks", Map.of("templateId",
                    strictTemplate, "name", "Branch line", "username", "4930222", "password", "wrong-Passw0rd",
                    "numbers", List.of("+4930" + freshSubscriber() + "2")));
            assertThat(branch.status()).as(branch.toString()).isEqualTo(201);

            String path = "/api/v1/instances/" + instance + "/trunk-registrations";
            await(() -> {
                String body = admin.get(path).body();
                return body.contains("\"REGISTERED\"") && body.contains("\"FAILED\"");
            });
            Response states = admin.get(path);
            assertThat(states.status()).isEqualTo(200);
            for (var s : states.json()) {
                if (s.path("name").asString().equals("Office line")) {
                    assertThat(s.path("status").asString()).isEqualTo("REGISTERED");
                    assertThat(s.path("registeredUntil").isNull()).isFalse();
                } else {
                    assertThat(s.path("status").asString()).isEqualTo("FAILED");
                    assertThat(s.path("reason").asString()).isEqualTo("403 Wrong Credentials");
                }
            }
            Sipp.Result registered = provider.await();
            assertThat(registered.passed()).as(registered.output()).isTrue();
        } finally {
            provider.stop();
            refusing.stop();
        }
    }

    private String template(String name, int port) {
        Response made = operator(this.port).post("/api/v1/trunk-templates", Map.of("providerName", name,
                "registrar", "127.0.0.1:" + port, "transport", "UDP", "numberFormat", "E164", "callerIdHeader",
                "P_ASSERTED_IDENTITY", "registers", true, "expirySeconds", 60));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.text("id");
    }

    private static void await(Supplier<Boolean> condition) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not reached within 20 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
