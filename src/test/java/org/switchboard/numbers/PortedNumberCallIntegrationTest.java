package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.telephony.Sipp.assertPassed;
import static org.switchboard.numbers.NumberFixtures.as;
import static org.switchboard.numbers.NumberFixtures.await;
import static org.switchboard.numbers.NumberFixtures.freshSubscriber;
import static org.switchboard.numbers.NumberFixtures.operator;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.telephony.CallHistory;
import org.switchboard.telephony.DeviceKind;
import org.switchboard.telephony.Sipp;
import org.switchboard.telephony.TelephonyFixtures;
import org.switchboard.telephony.TelephonyFixtures.Phone;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/**
 * A number ported in, called from the public network with sipp as the carrier: refused with 404
 * while the porting is only confirmed, and ringing the extension it was assigned to once the
 * porting completed on its date.
 */
class PortedNumberCallIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures telephony;
    @Autowired
    PortingCompletion completion;
    @Autowired
    CallHistory history;

    @BeforeEach
    void sippInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Sipp.available(), "sipp is not installed");
    }

    @Test
    void aPortedNumberIsNotFoundBeforeTheCompletionAndRingsItsExtensionAfterIt() {
        Setup setup = telephony.instance(2, 2, 0);
        Phone reception = telephony.phone(setup, "101", DeviceKind.DESK_PHONE);
        Api admin = as(port, setup.customer().email());
        String number = "+4969" + freshSubscriber();
        String instance = setup.instance().value().toString();

        Response created = admin.post("/api/v1/instances/" + instance + "/porting-orders",
                PortingStoryIntegrationTest.order(List.of(number), "Hauptstraße 5",
                        PortingCalendar.earliest(LocalDate.now(clock)).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(admin.postFile("/api/v1/porting-orders/" + id + "/signed-form", "file", "scan.png", "image/png",
                PortingStoryIntegrationTest.PNG).status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/porting-orders/" + id + "/submission", Map.of()).text("status"))
                .isEqualTo("SUBMITTED");
        // the releasing provider agreed to port today; the number is routed to 101 ahead
        Response confirmed = operator(port).post("/api/v1/porting-orders/" + id + "/confirmation",
                Map.of("portingDate", LocalDate.now(clock).toString()));
        assertThat(confirmed.text("status")).as(confirmed.toString()).isEqualTo("CONFIRMED");
        Response routed = admin.put("/api/v1/instances/" + instance + "/numbers/" + number + "/route",
                Map.of("target", "EXTENSION", "extensions", List.of("101")));
        assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
        int receptionPort = registered(reception);

        // before the completion the platform does not know the number
        Map<String, String> refused = reception.vars();
        refused.put("dialled", number);
        refused.put("status", "404");
        assertPassed(Sipp.client("carrier_call_refused.xml", telephony.sipPort(), refused, CARRIER_PORT).run());

        completion.completeDue();
        assertThat(admin.get("/api/v1/porting-orders/" + id).text("status")).isEqualTo("COMPLETED");
        Sipp receiving = Sipp.server("uas_answer.xml", receptionPort, 1, Map.of("ring", "100")).start();
        Map<String, String> call = reception.vars();
        call.put("dialled", number);
        call.put("hold", "300");
        assertPassed(Sipp.client("carrier_call.xml", telephony.sipPort(), call, CARRIER_PORT).run());
        assertPassed(receiving.await());
        await(() -> history.history(setup.customer().admin(), setup.instance(), "101").stream()
                .anyMatch(c -> c.to().equals(number)));
        assertThat(history.history(setup.customer().admin(), setup.instance(), "101"))
                .filteredOn(c -> c.to().equals(number)).singleElement().satisfies(c -> {
                    assertThat(c.direction()).isEqualTo("INBOUND");
                    assertThat(c.answeredAt()).isNotNull();
                });
    }

    private int registered(Phone phone) {
        int local = Sipp.FreePort.udpAndTcp();
        assertPassed(Sipp.client("register.xml", telephony.sipPort(), phone.vars(), local).with(phone.auth()).run());
        return local;
    }

}
