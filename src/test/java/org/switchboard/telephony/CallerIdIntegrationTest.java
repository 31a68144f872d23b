package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.numbers.NumberFixtures;
import org.switchboard.telephony.TelephonyFixtures.Phone;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/** A call to the public network presents the caller's number, as the numbers module assigns it, to the carrier. */
class CallerIdIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;

    @BeforeEach
    void sippInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Sipp.available(), "sipp is not installed");
    }

    @Test
    void theCarrierReadsTheNumberAssignedAsTheExtensionsCallerIdInPAssertedIdentity() {
        Setup setup = fixtures.instance(2, 1, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        String number = "+49621" + NumberFixtures.freshSubscriber();
        Response imported = NumberFixtures.importSingles(port, "Mannheim", number);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        Map<String, Object> order = new HashMap<>(NumberFixtures.order("0621", "SINGLE", null));
        order.put("rangeId", imported.json().get(0).path("id").asString());
        Api admin = NumberFixtures.as(port, setup.customer().email());
        String instance = "/api/v1/instances/" + setup.instance().value();
        Response ordered = admin.post(instance + "/number-orders", order);
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        Response shown = admin.put(instance + "/caller-ids/100", Map.of("number", number));
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);

        Map<String, String> carrier = new HashMap<>();
        carrier.put("expect", "\\+4930123456");
        carrier.put("carrieruser", CARRIER_USER);
        carrier.put("carrierpassword", CARRIER_PASSWORD);
        carrier.put("callerid", "sip:\\" + number + "@" + phone.domain().replace(".", "\\."));
        carrier.put("callerheader", "P-Asserted-Identity");
        Sipp answering = Sipp.server("carrier_answer_callerid.xml", CARRIER_PORT, 1, carrier).start();
        Map<String, String> v = phone.vars();
        v.put("dialled", "030123456");
        v.put("hold", "200");
        Sipp.Result call = Sipp.client("uac_call.xml", fixtures.sipPort(), v).with(phone.auth()).run();
        assertThat(call.passed()).as(call.output()).isTrue();
        Sipp.Result carrierSaw = answering.await();
        assertThat(carrierSaw.passed()).as("the carrier read the caller id: " + carrierSaw.output()).isTrue();
    }
}
