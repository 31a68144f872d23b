package org.switchboard.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.connector.Reason;
import org.switchboard.licensing.Holder;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.phone.PhoneFixtures.EmployeeLogin;
import org.switchboard.phone.PhoneFixtures.Office;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

/** A mobile app pairs with the code its employee's client shows; pairing holds the employee's one licence. */
class MobilePairingIntegrationTest extends IntegrationTestBase {

    @Autowired
    PhoneFixtures fixtures;
    @Autowired
    LicenceManagement licences;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aPairedMobileHoldsTheLicenceUntilItIsUnpairedAndAFullPoolRefusesAPairing() {
        Office office = fixtures.office(1, 2);
        EmployeeLogin anna = office.employees().get(0);
        EmployeeLogin ben = office.employees().get(1);
        Api annasClient = new Api(port).as(anna.email(), anna.password());
        Api bensClient = new Api(port).as(ben.email(), ben.password());
        Api app = new Api(port);

        String code = annasClient.post("/api/v1/phone/pairing-codes", "").json().get("code").asString();
        Api.Response paired = app.post("/api/v1/mobile/pairings", Map.of("code", code, "deviceName", "Anna's phone"));
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String id = paired.json().get("id").asString();
        String token = paired.json().get("token").asString();
        assertThat(paired.json().get("extension").asString()).isEqualTo(anna.extension());
        assertThat(holders(office)).singleElement().satisfies(h -> {
            assertThat(h.subject()).isEqualTo(anna.extension());
            assertThat(h.reasons()).containsExactly(Reason.MOBILE_PAIRING);
            assertThat(h.holds()).singleElement().satisfies(hold -> assertThat(hold.deviceName())
                    .as("the live view names the app").isEqualTo("Anna's phone (mobile app)"));
        });
        // the app's own SIP device, linked to the pairing: the licence names it, the app gets its account once
        assertThat(appDevices(office, anna.extension())).containsExactly("Anna's phone");
        assertThat(paired.json().path("sipUser").asString()).startsWith(anna.extension() + "-");
        assertThat(paired.json().path("sipPassword").asString()).hasSizeGreaterThan(10);
        assertThat(paired.json().path("sipDomain").asString()).isNotBlank();
        assertThat(holders(office).get(0).holds().get(0).device().id()).isEqualTo(jdbc.sql(
                "select id::text from sip_devices where kind = 'MOBILE_APP' and extension = ? and instance_id = ?")
                .params(anna.extension(), office.setup().instance().value()).query(String.class).single());
        assertThat(annasClient.get("/api/v1/phone/mobiles").json().get(0).get("name").asString())
                .isEqualTo("Anna's phone");

        // a code pairs once
        Api.Response again = app.post("/api/v1/mobile/pairings", Map.of("code", code, "deviceName", "Another"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("detail")).contains("not valid");

        // the pool (1) is full: Ben's pairing is refused with the reason, and he is not paired
        String bensCode = bensClient.post("/api/v1/phone/pairing-codes", "").json().get("code").asString();
        Api.Response refused = app.post("/api/v1/mobile/pairings", Map.of("code", bensCode, "deviceName", "Ben's"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).startsWith("Not paired: Licence limit reached");
        assertThat(bensClient.get("/api/v1/phone/mobiles").json().size()).isZero();
        assertThat(appDevices(office, ben.extension())).as("a refused pairing leaves no device").isEmpty();

        // the app unpairs itself with its token, not without
        assertThat(new Api(port).bearer("sbm_wrong").delete("/api/v1/mobile/pairings/" + id).status()).isEqualTo(404);
        assertThat(new Api(port).bearer(token).delete("/api/v1/mobile/pairings/" + id).status()).isEqualTo(204);
        assertThat(holders(office)).isEmpty();
        assertThat(appDevices(office, anna.extension())).as("unpaired: its device is gone").isEmpty();

        // Ben's code still works now that a licence is free; he unpairs from his client
        Api.Response bensPairing = app.post("/api/v1/mobile/pairings", Map.of("code", bensCode, "deviceName", "Ben's"));
        assertThat(bensPairing.status()).isEqualTo(201);
        assertThat(holders(office)).extracting(Holder::subject).containsExactly(ben.extension());
        assertThat(bensClient.delete("/api/v1/phone/mobiles/" + bensPairing.json().get("id").asString()).status())
                .isEqualTo(204);
        assertThat(holders(office)).isEmpty();
        // another employee's device is not Anna's to unpair
        assertThat(annasClient.delete("/api/v1/phone/mobiles/" + bensPairing.json().get("id").asString()).status())
                .isEqualTo(404);
    }

    private List<String> appDevices(Office office, String extension) {
        return jdbc.sql("select label from sip_devices where kind = 'MOBILE_APP' and extension = ? and instance_id = ?")
                .params(extension, office.setup().instance().value()).query(String.class).list();
    }

    @Test
    void wrongCodesFromOneAddressWaitLongerAndLongerAndAnEmployeeAsksForALimitedNumberOfCodes() {
        jdbc.sql("delete from phone_pairing_throttle").update();
        try {
            Office office = fixtures.office(2, 1);
            EmployeeLogin anna = office.employees().get(0);
            Api annasClient = new Api(port).as(anna.email(), anna.password());
            Api app = new Api(port);

            // ten wrong codes are answered as wrong; then the address waits, even with a right code
            for (int i = 0; i < 10; i++) {
                Api.Response wrong = app.post("/api/v1/mobile/pairings", Map.of("code", "WRONG" + i, "deviceName", "x"));
                assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
            }
            String code = annasClient.post("/api/v1/phone/pairing-codes", "").json().get("code").asString();
            Api.Response waiting = app.post("/api/v1/mobile/pairings", Map.of("code", code, "deviceName", "Anna's"));
            assertThat(waiting.status()).as(waiting.body()).isEqualTo(429);
            assertThat(waiting.contentType()).startsWith("application/problem+json");
            assertThat(waiting.text("detail")).startsWith("Too many wrong pairing codes from this address");
            assertThat(waiting.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(annasClient.get("/api/v1/phone/mobiles").json().size()).isZero();

            // the wait doubles with the next wrong code once it is over
            clock.advance(java.time.Duration.ofSeconds(6));
            assertThat(app.post("/api/v1/mobile/pairings", Map.of("code", "WRONG", "deviceName", "x")).status())
                    .isEqualTo(400);
            assertThat(app.post("/api/v1/mobile/pairings", Map.of("code", code, "deviceName", "x")).headers()
                    .firstValue("Retry-After")).hasValue("10");
            clock.advance(java.time.Duration.ofSeconds(11));
            assertThat(app.post("/api/v1/mobile/pairings", Map.of("code", code, "deviceName", "Anna's")).status())
                    .isEqualTo(201);

            // a new code retires the older one; after five codes in a row the employee waits
            String older = annasClient.post("/api/v1/phone/pairing-codes", "").json().get("code").asString();
            for (int i = 0; i < 3; i++) {
                assertThat(annasClient.post("/api/v1/phone/pairing-codes", "").status()).isEqualTo(201);
            }
            Api.Response tooMany = annasClient.post("/api/v1/phone/pairing-codes", "");
            assertThat(tooMany.status()).isEqualTo(429);
            assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(tooMany.text("detail")).startsWith("Too many pairing codes asked for in a row");
            Api.Response retired = app.post("/api/v1/mobile/pairings", Map.of("code", older, "deviceName", "x"));
            assertThat(retired.status()).isEqualTo(400);
        } finally {
            jdbc.sql("delete from phone_pairing_throttle").update();
        }
    }

    private List<Holder> holders(Office office) {
        return licences.state(office.setup().customer().admin(), office.setup().instance()).holders();
    }
}
