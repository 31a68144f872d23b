package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.telephony.Sipp.assertPassed;
import static org.switchboard.telephony.TelephonyFixtures.status;
import static org.switchboard.telephony.TelephonyFixtures.vars;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.numbers.NumberFixtures;
import org.switchboard.telephony.CallHistory.CallView;
import org.switchboard.telephony.TelephonyFixtures.Phone;
import org.switchboard.telephony.internal.CallRecordHandover;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

/**
 * Calls through the SIP core with sipp as the phones and the carrier: each asks the licence at
 * set-up and gives it back however it ends, and ends as a call record.
 */
class CallsIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;
    @Autowired
    CallHistory history;
    @Autowired
    LicenceManagement licences;
    @Autowired
    CallRecordHandover records;
    @Autowired
    org.switchboard.licensing.LicenceInsights insights;

    @org.junit.jupiter.api.BeforeEach
    void sippInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Sipp.available(), "sipp is not installed");
    }

    @Test
    void anInternalCallRingsAllDevicesOfTheCalleeTheFirstAnswerWinsAndByeReleasesTheLicence() {
        Setup setup = fixtures.instance(2, 2, 0);
        Phone caller = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        Phone desk = fixtures.phone(setup, "101", DeviceKind.DESK_PHONE);
        Phone dect = fixtures.phone(setup, "101", DeviceKind.DECT_HANDSET);
        int deskPort = registered(desk);
        int dectPort = registered(dect);

        Sipp ringing = Sipp.server("uas_ring.xml", deskPort, 1, Map.of()).start();
        Sipp answering = Sipp.server("uas_answer.xml", dectPort, 1, Map.of("ring", "300")).start();
        Sipp.Result call = Sipp.client("uac_call.xml", fixtures.sipPort(), vars(caller, "101", "800"))
                .with(caller.auth()).run();

        assertThat(call.passed()).as(call.output()).isTrue();
        Sipp.Result answered = answering.await();
        assertThat(answered.passed()).as(answered.output()).isTrue();
        Sipp.Result cancelled = ringing.await();
        assertThat(cancelled.passed()).as("the other device got CANCEL: " + cancelled.output()).isTrue();
        CallView view = ended(setup, "100");
        assertThat(view.direction()).isEqualTo("INTERNAL");
        assertThat(view.to()).isEqualTo("101");
        assertThat(view.answeredAt()).isNotNull();
        assertThat(view.endReason()).isEqualTo("BYE_CALLER");
        await(() -> occupied(setup) == 0); // the release is queued before the 200 to the BYE, stored with the next batch
    }

    @Test
    void busyCancelNoAnswerAndUnknownExtensionsEndTheCallAndItsLicence() {
        Setup setup = fixtures.instance(2, 2, 0);
        Phone caller = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        Phone callee = fixtures.phone(setup, "101", DeviceKind.DESK_PHONE);
        int port = registered(callee);

        Sipp busy = Sipp.server("uas_busy.xml", port, 1, Map.of()).start();
        assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(caller, "101", "0"), 486))
                .with(caller.auth()).run());
        assertPassed(busy.await());
        assertThat(ended(setup, "100").endReason()).isEqualTo("BUSY");

        Sipp ring = Sipp.server("uas_ring.xml", port, 1, Map.of()).start();
        assertPassed(Sipp.client("uac_cancel.xml", fixtures.sipPort(), vars(caller, "101", "500")).with(caller.auth())
                .run());
        assertPassed(ring.await());
        assertThat(history.history(setup.customer().admin(), setup.instance(), "100")).extracting(CallView::endReason)
                .contains("CANCELLED");

        Sipp nobody = Sipp.server("uas_ring.xml", port, 1, Map.of()).start();
        assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(caller, "101", "0"), 480))
                .with(caller.auth()).run());
        assertPassed(nobody.await());
        assertThat(history.history(setup.customer().admin(), setup.instance(), "100")).extracting(CallView::endReason)
                .contains("NO_ANSWER");

        assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(caller, "555", "0"), 404))
                .with(caller.auth()).run());
        await(() -> occupied(setup) == 0);
        assertThat(history.live(setup.customer().admin(), setup.instance())).isEmpty();
    }

    @Test
    void overTheLimitACallIsRefusedWith403WhileAnEmergencyCallGoesThroughAndInboundIsAccepted() {
        Setup setup = fixtures.instance(1, 4, 0);
        Phone first = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        Phone colleague = fixtures.phone(setup, "101", DeviceKind.DESK_PHONE);
        Phone second = fixtures.phone(setup, "102", DeviceKind.DESK_PHONE);
        Phone reception = fixtures.phone(setup, "103", DeviceKind.DESK_PHONE);
        int colleaguePort = registered(colleague);
        int receptionPort = registered(reception);

        // the one licence is held by 100 calling a colleague
        Sipp answering = Sipp.server("uas_answer.xml", colleaguePort, 1, Map.of("ring", "100")).start();
        Sipp talking = Sipp.client("uac_call.xml", fixtures.sipPort(), vars(first, "101", "7000"))
                .with(first.auth()).start();
        await(() -> history.live(setup.customer().admin(), setup.instance()).stream()
                .anyMatch(c -> c.answeredAt() != null));
        assertThat(occupied(setup)).isEqualTo(1);

        assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(second, "+4940123456", "0"), 403))
                .with(second.auth()).run());

        Sipp carrier = carrier("112").start();
        assertPassed(Sipp.client("uac_call.xml", fixtures.sipPort(), vars(second, "112", "300")).with(second.auth())
                .run());
        assertPassed(carrier.await());

        Sipp receiving = Sipp.server("uas_answer.xml", receptionPort, 1, Map.of("ring", "100")).start();
        assertPassed(Sipp.client("carrier_call.xml", fixtures.sipPort(), vars(reception, "103", "300"), CARRIER_PORT)
                .run());
        assertPassed(receiving.await());

        assertPassed(talking.await());
        assertPassed(answering.await());
        await(() -> occupied(setup) == 0);
        List<CallView> calls = history.history(setup.customer().admin(), setup.instance(), null);
        assertThat(calls).extracting(CallView::direction).contains("OUTBOUND", "INBOUND", "INTERNAL");
        assertThat(calls).filteredOn(c -> c.to().equals("112")).singleElement()
                .satisfies(c -> assertThat(c.answeredAt()).isNotNull());

        // a call to Berlin through the carrier, which asks for the trunk's credentials, is billed as airtime
        Sipp berlin = carrier("\\+4930123456").start();
        Sipp berlinCall = Sipp.client("uac_call.xml", fixtures.sipPort(), vars(first, "030123456", "2000"))
                .with(first.auth()).start();
        await(() -> history.live(setup.customer().admin(), setup.instance()).stream()
                .anyMatch(c -> c.answeredAt() != null));
        clock.advance(Duration.ofSeconds(90)); // the platform's clock says the call lasted a minute and a half
        assertPassed(berlinCall.await());
        assertPassed(berlin.await());
        await(() -> occupied(setup) == 0);
        await(() -> history.history(setup.customer().admin(), setup.instance(), "100").stream()
                .filter(c -> c.to().equals("+4930123456")).anyMatch(CallView::recorded));
        Api.Response preview = new Api(port).as(setup.customer().admin().email(), PASSWORD)
                .get("/api/v1/instances/" + setup.instance().value() + "/invoice-preview");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).contains("AIRTIME");
    }

    @Test
    void aFunctionExtensionHoldsALicenceOnlyWhileItCallsOut() {
        Setup setup = fixtures.instance(1, 0, 1);
        Phone door = fixtures.phone(setup, "900", DeviceKind.FUNCTION_DEVICE);
        assertThat(occupied(setup)).isZero();

        Sipp carrier = carrier("\\+4930123456").start();
        Sipp calling = Sipp.client("uac_call.xml", fixtures.sipPort(), vars(door, "+4930123456", "2500"))
                .with(door.auth()).start();
        await(() -> history.live(setup.customer().admin(), setup.instance()).stream()
                .anyMatch(c -> c.answeredAt() != null));
        assertThat(licences.state(setup.customer().admin(), setup.instance()).holders())
                .singleElement().satisfies(h -> assertThat(h.subject()).isEqualTo("900"))
                .satisfies(h -> assertThat(h.holds()).singleElement().satisfies(hold -> {
                    assertThat(hold.reason()).isEqualTo(org.switchboard.connector.Reason.OUTBOUND_CALL);
                    assertThat(hold.deviceName()).as("the call's licence names the device that placed it")
                            .isEqualTo("Function device 900");
                }));
        assertPassed(calling.await());
        assertPassed(carrier.await());
        await(() -> occupied(setup) == 0);
        // The history keeps the device with the admission and with the release, which the BYE did not name.
        var lines = insights.history(setup.customer().admin(), setup.instance(), clock.instant().minusSeconds(3600),
                clock.instant().plusSeconds(3600), 10);
        assertThat(lines).extracting(l -> l.action().name()).containsExactly("RELEASED", "ADMITTED");
        assertThat(lines).allSatisfy(l -> assertThat(l.device()).isNotNull()
                .satisfies(d -> assertThat(d.name()).isEqualTo("Function device 900")));
    }

    @Test
    void tollFraudGuardsRefuseForeignCountriesAndPremiumRatesAndSayWhyInTheCallsRecord() {
        Setup setup = fixtures.instance(2, 1, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);

        assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(phone, "+33142685300", "0"), 403))
                .with(phone.auth()).run());
        assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(phone, "09001234567", "0"), 403))
                .with(phone.auth()).run());

        assertThat(history.history(setup.customer().admin(), setup.instance(), "100"))
                .extracting(CallView::to, CallView::endReason)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("+33142685300", "FRAUD_COUNTRY"),
                        org.assertj.core.groups.Tuple.tuple("+499001234567", "FRAUD_BLOCKED_RANGE"));
        assertThat(occupied(setup)).isZero();
    }

    @Test
    void aCallFromTheCarrierToAPublicNumberRingsTheExtensionTheNumberRoutesTo() {
        Setup setup = fixtures.instance(2, 2, 0);
        Phone reception = fixtures.phone(setup, "101", DeviceKind.DESK_PHONE);
        int receptionPort = registered(reception);
        String number = "+49621" + NumberFixtures.freshSubscriber();
        Response imported = NumberFixtures.importSingles(port, "Mannheim", number);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        Map<String, Object> order = new HashMap<>(NumberFixtures.order("0621", "SINGLE", null));
        order.put("rangeId", imported.json().get(0).path("id").asString());
        Api admin = NumberFixtures.as(port, setup.customer().email());
        String instance = "/api/v1/instances/" + setup.instance().value();
        Response ordered = admin.post(instance + "/number-orders", order);
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        Response routed = admin.put(instance + "/numbers/" + number + "/route",
                Map.of("target", "EXTENSION", "extensions", List.of("101")));
        assertThat(routed.status()).as(routed.toString()).isEqualTo(200);

        Sipp receiving = Sipp.server("uas_answer.xml", receptionPort, 1, Map.of("ring", "100")).start();
        assertPassed(Sipp.client("carrier_call.xml", fixtures.sipPort(), vars(reception, number, "300"), CARRIER_PORT)
                .run());
        assertPassed(receiving.await());
        await(() -> history.history(setup.customer().admin(), setup.instance(), "101").size() == 1);
        assertThat(history.history(setup.customer().admin(), setup.instance(), "101")).singleElement()
                .satisfies(c -> {
                    assertThat(c.direction()).isEqualTo("INBOUND");
                    assertThat(c.to()).isEqualTo(number);
                    assertThat(c.answeredAt()).isNotNull();
                });
        assertThat(occupied(setup)).isZero(); // inbound calls never hold a licence
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Sipp carrier(String expect) {
        Map<String, String> v = new HashMap<>();
        v.put("expect", expect);
        v.put("carrieruser", CARRIER_USER);
        v.put("carrierpassword", CARRIER_PASSWORD);
        return Sipp.server("carrier_answer.xml", CARRIER_PORT, 1, v);
    }

    private int registered(Phone phone) {
        int local = Sipp.FreePort.udpAndTcp();
        assertPassed(Sipp.client("register.xml", fixtures.sipPort(), phone.vars(), local).with(phone.auth()).run());
        return local;
    }

    private int occupied(Setup setup) {
        return licences.state(setup.customer().admin(), setup.instance()).occupied();
    }

    private CallView ended(Setup setup, String subject) {
        await(() -> history.history(setup.customer().admin(), setup.instance(), subject).size() > 0);
        return history.history(setup.customer().admin(), setup.instance(), subject).get(0);
    }

    private static void await(Supplier<Boolean> condition) {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not reached within 15 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
