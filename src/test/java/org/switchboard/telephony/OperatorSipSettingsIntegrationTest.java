package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.telephony.Sipp.assertPassed;
import static org.switchboard.telephony.TelephonyFixtures.status;
import static org.switchboard.telephony.TelephonyFixtures.vars;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.telephony.TelephonyFixtures.Phone;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;

/**
 * The operator sets the carrier trunk and the toll-fraud guards through the API (problem+json for
 * bad values, nothing half-saved, operators only): a prefix blocked there refuses the next call
 * (sipp as the phone), a country allowed there can be opened by the customer admin.
 */
class OperatorSipSettingsIntegrationTest extends IntegrationTestBase {

    static final String PATH = "/api/v1/operator/sip-settings";

    @Autowired
    TelephonyFixtures fixtures;
    @Autowired
    CallHistory history;

    @BeforeEach
    void sippInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Sipp.available(), "sipp is not installed");
    }

    @Test
    void theOperatorsGuardSettingsHoldForTheNextCallAndBadValuesAreRefusedWhole() {
        Api operator = new Api(port).as(OPERATOR_EMAIL, PASSWORD);
        Setup setup = fixtures.instance(2, 1, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        Api admin = new Api(port).as(setup.customer().email(), PASSWORD);
        assertThat(admin.get(PATH).status()).isEqualTo(403);
        assertThat(new Api(port).as(setup.partner().email(), PASSWORD).get(PATH).status()).isEqualTo(403);

        Api.Response before = operator.get(PATH);
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        JsonNode was = before.json();
        assertThat(was.path("carrierAddress").asString()).isEqualTo("127.0.0.1:" + CARRIER_PORT);
        assertThat(was.path("carrierUsername").asString()).isEqualTo(CARRIER_USER);
        assertThat(before.body()).doesNotContain(CARRIER_PASSWORD);
        assertThat(strings(was.path("allowedCountries"))).containsExactly("AT", "FR");
        assertThat(strings(was.path("allowedPrefixes"))).as("freephone let through by default")
                .containsExactlyInAnyOrder("+41800", "+43800", "+49800");
        assertThat(was.path("serviceRanges").toString()).contains("+49900").contains("premium-rate (0900)");

        Map<String, Object> bad = settings(was, List.of("AT", "FR", "XX"), List.of("0900"));
        bad.put("carrierAddress", "sip carrier");
        bad.put("callsPerMinutePerDevice", 0);
        bad.put("allowedPrefixes", List.of("0800"));
        Api.Response refused = operator.put(PATH, bad);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).contains("problem+json");
        assertThat(refused.errorMessage("carrierAddress")).contains("not a host name");
        assertThat(refused.errorMessage("allowedCountries")).contains("'XX' is not an ISO country code");
        assertThat(refused.errorMessage("blockedPrefixes")).contains("'0900' is not a prefix in E.164 form");
        assertThat(refused.errorMessage("callsPerMinutePerDevice")).contains("between 1 and 1,000");
        assertThat(refused.errorMessage("allowedPrefixes")).contains("'0800' is not a prefix in E.164 form");
        assertThat(operator.get(PATH).json().path("source").asString()).as("nothing half-saved")
                .isEqualTo(was.path("source").asString());

        List<String> blocked = new ArrayList<>(strings(was.path("blockedPrefixes")));
        blocked.add("+4930999");
        try {
            Api.Response saved = operator.put(PATH, settings(was, List.of("AT", "FR", "CH"), blocked));
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            assertThat(saved.json().path("source").asString()).isEqualTo("OPERATOR");
            assertThat(saved.json().path("updatedBy").asString()).isEqualTo(OPERATOR_EMAIL);
            assertThat(saved.body()).doesNotContain(CARRIER_PASSWORD);

            // the prefix blocked a moment ago refuses the next call, with the reason in its record
            assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(phone, "030999123", "0"), 403))
                    .with(phone.auth()).run());
            assertThat(history.history(setup.customer().admin(), setup.instance(), "100")).singleElement()
                    .satisfies(c -> assertThat(c.endReason()).isEqualTo("FRAUD_BLOCKED_RANGE"));
            // and the customer admin may open the country allowed a moment ago
            String countries = "/api/v1/instances/" + setup.instance().value() + "/call-countries";
            Api.Response opened = admin.put(countries, Map.of("countries", List.of("CH")));
            assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
            assertThat(strings(opened.json().path("openable"))).contains("CH");
        } finally {
            Api.Response restored = operator.put(PATH, settings(was, strings(was.path("allowedCountries")),
                    strings(was.path("blockedPrefixes"))));
            assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        }
    }

    private static Map<String, Object> settings(JsonNode was, List<String> countries, List<String> blocked) {
        Map<String, Object> s = new HashMap<>();
        s.put("carrierAddress", was.path("carrierAddress").asString());
        s.put("carrierTransport", was.path("carrierTransport").asString());
        s.put("carrierUsername", was.path("carrierUsername").asString());
        s.put("carrierPassword", "");
        s.put("callerIdHeader", was.path("callerIdHeader").asString());
        s.put("allowedCountries", countries);
        s.put("blockedPrefixes", blocked);
        s.put("callsPerMinutePerDevice", was.path("callsPerMinutePerDevice").asInt());
        s.put("concurrentOutboundPerInstance", was.path("concurrentOutboundPerInstance").asInt());
        s.put("dailyAirtimeMinutes", was.path("dailyAirtimeMinutes").asInt());
        return s;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
