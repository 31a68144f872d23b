package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.numbers.NumberFixtures.as;
import static org.switchboard.numbers.NumberFixtures.freshSubscriber;
import static org.switchboard.numbers.NumberFixtures.operator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.telephony.TelephonyFixtures.Phone;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/**
 * A customer's own provider (sipp): the platform registers to it (challenged with 401, it answers
 * with the trunk's credentials; a wrong password shows the provider's refusal on the API); calls
 * showing the trunk's number go out through it, calls to its numbers come in over it, and both are
 * recorded over the customer's trunk, without airtime.
 */
class CustomerTrunksIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;
    @Autowired
    CallHistory history;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

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

    @Test
    void callsGoOutThroughTheTrunkCarryingTheCallersNumberAndComeInOverItToTheNumbersRouteWithoutAirtime() {
        Setup setup = fixtures.instance(2, 1, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        String instance = "/api/v1/instances/" + setup.instance().value();
        int providerPort = Sipp.FreePort.udpAndTcp();
        String name = "Provider " + UUID.randomUUID().toString().substring(0, 6);
        Response made = operator(this.port).post("/api/v1/trunk-templates", Map.of("providerName", name,
                "registrar", "127.0.0.1:" + providerPort, "transport", "UDP", "numberFormat", "NATIONAL",
                "callerIdHeader", "P_ASSERTED_IDENTITY", "registers", false, "expirySeconds", 600));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String did = "+4930" + freshSubscriber() + "1";
        Api admin = as(port, setup.customer().email());
        Response trunk = admin.post(instance + "/trunks", Map.of("templateId", made.text("id"), "name", "Office line",
                "username", "4930777", "authUsername", "auth-4930777", "password", "trunk-Passw0rd", "numbers",
                List.of(did)));
        assertThat(trunk.status()).as(trunk.toString()).isEqualTo(201);
        Response shown = admin.put(instance + "/caller-ids/100", Map.of("number", did));
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);

        // out: the provider (not the carrier) challenges, reads the trunk's credentials, the number in its
        // national format and the trunk's number as caller id
        Map<String, String> provider = new HashMap<>();
        provider.put("expect", "030123456");
        provider.put("carrieruser", "auth-4930777");
        provider.put("carrierpassword", "trunk-Passw0rd");
        provider.put("callerid", "sip:\\" + did + "@" + phone.domain().replace(".", "\\."));
        provider.put("callerheader", "P-Asserted-Identity");
        Sipp answering = Sipp.server("carrier_answer_callerid.xml", providerPort, 1, provider).start();
        Sipp.Result call = Sipp.client("uac_call.xml", fixtures.sipPort(), TelephonyFixtures.vars(phone, "030123456",
                "300")).with(phone.auth()).run();
        Sipp.assertPassed(call);
        Sipp.assertPassed(answering.await());

        // in: the provider calls the trunk's number (in To, without a +) at the contact of the trunk's user
        int reception = Sipp.FreePort.udpAndTcp();
        Sipp.assertPassed(Sipp.client("register.xml", fixtures.sipPort(), phone.vars(), reception)
                .with(phone.auth()).run());
        Sipp ringing = Sipp.server("uas_answer.xml", reception, 1, Map.of("ring", "100")).start();
        Map<String, String> in = new HashMap<>();
        in.put("user", "4930777");
        in.put("did", did.substring(1));
        in.put("hold", "300");
        Sipp.assertPassed(Sipp.client("provider_call.xml", fixtures.sipPort(), in, providerPort).run());
        Sipp.assertPassed(ringing.await());

        await(() -> history.history(setup.customer().admin(), setup.instance(), null).stream()
                .filter(CallHistory.CallView::recorded).count() == 2);
        List<CallHistory.CallView> calls = history.history(setup.customer().admin(), setup.instance(), null);
        assertThat(calls).filteredOn(c -> c.direction().equals("OUTBOUND")).singleElement().satisfies(c -> {
            assertThat(c.to()).isEqualTo("+4930123456");
            assertThat(c.trunk()).isEqualTo("own:Office line");
            assertThat(c.answeredAt()).isNotNull();
        });
        assertThat(calls).filteredOn(c -> c.direction().equals("INBOUND")).singleElement().satisfies(c -> {
            assertThat(c.to()).isEqualTo(did);
            assertThat(c.subject()).isEqualTo("100");
            assertThat(c.trunk()).isEqualTo("own:Office line");
            assertThat(c.answeredAt()).isNotNull();
        });
        // billing keeps the answered call out over the trunk without a charge: the provider bills its airtime
        String outbound = calls.stream().filter(c -> c.direction().equals("OUTBOUND")).findFirst().orElseThrow()
                .callId();
        Map<String, Object> billed = jdbc.sql("select trunk, charge, reason from billing_calls where call_id = ?")
                .param(outbound).query().singleRow();
        assertThat(billed.get("trunk")).isEqualTo("own:Office line");
        assertThat((java.math.BigDecimal) billed.get("charge")).isZero();
        assertThat(billed.get("reason")).isEqualTo("over the customer's own trunk own:Office line");
        Response preview = admin.get(instance + "/invoice-preview");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).doesNotContain("\"AIRTIME\"");
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
