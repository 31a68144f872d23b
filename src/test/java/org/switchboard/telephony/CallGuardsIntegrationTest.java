package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.telephony.Sipp.assertPassed;
import static org.switchboard.telephony.TelephonyFixtures.status;
import static org.switchboard.telephony.TelephonyFixtures.vars;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.mail.Outbox;
import org.switchboard.mail.StoredMail;
import org.switchboard.telephony.CallHistory.CallView;
import org.switchboard.telephony.TelephonyFixtures.Phone;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The toll-fraud guards with sipp as phones and carrier: the countries a customer admin opens
 * (within what the operator allows), the daily airtime cap with its alert mail, bans after failed
 * registrations per account and per source address, scanners refused.
 */
class CallGuardsIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;
    @Autowired
    CallHistory history;
    @Autowired
    Outbox outbox;

    @BeforeEach
    void sippInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Sipp.available(), "sipp is not installed");
    }

    @Test
    void aCustomerAdminOpensACountryTheOperatorAllowsAndItsCallsGoOutOthersStayClosed() {
        Setup setup = fixtures.instance(2, 1, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        Api admin = new Api(port).as(setup.customer().email(), PASSWORD);
        String path = "/api/v1/instances/" + setup.instance().value() + "/call-countries";

        assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(phone, "+33142685300", "0"), 403))
                .with(phone.auth()).run());

        Api.Response refused = admin.put(path, Map.of("countries", List.of("FR", "GB")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).contains("problem+json");
        assertThat(refused.errorMessage("countries")).contains("GB cannot be opened").contains("AT, FR");
        assertThat(admin.get(path).json().path("opened").size()).as("nothing half-saved").isZero();

        Api.Response opened = admin.put(path, Map.of("countries", List.of("fr")));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        assertThat(opened.json().path("opened").get(0).asString()).isEqualTo("FR");

        Sipp carrier = carrier("\\+33142685300").start();
        assertPassed(Sipp.client("uac_call.xml", fixtures.sipPort(), vars(phone, "+33142685300", "300"))
                .with(phone.auth()).run());
        assertPassed(carrier.await());
        assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(phone, "+43123456789", "0"), 403))
                .with(phone.auth()).run());

        await(() -> history.history(setup.customer().admin(), setup.instance(), "100").size() == 3);
        assertThat(history.history(setup.customer().admin(), setup.instance(), "100"))
                .extracting(CallView::to, CallView::endReason)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("+33142685300", "FRAUD_COUNTRY"),
                        org.assertj.core.groups.Tuple.tuple("+33142685300", "BYE_CALLER"),
                        org.assertj.core.groups.Tuple.tuple("+43123456789", "FRAUD_COUNTRY"));
    }

    @Test
    void theDailyAirtimeCapStopsCallsToThePublicNetworkAndMailsTheAdminsOnceWhileEmergencyCallsGoOn() {
        ZonedDateTime local = clock.instant().atZone(ZoneId.of("Europe/Berlin"));
        if (local.getHour() >= 21) { // the call's hour must stay within one day
            clock.set(local.plusDays(1).withHour(8).toInstant());
        }
        Setup setup = fixtures.instance(2, 1, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);

        Sipp carrier = carrier("\\+4930123456").start();
        Sipp talking = Sipp.client("uac_call.xml", fixtures.sipPort(), vars(phone, "+4930123456", "1500"))
                .with(phone.auth()).start();
        await(() -> history.live(setup.customer().admin(), setup.instance()).stream()
                .anyMatch(c -> c.answeredAt() != null));
        clock.advance(Duration.ofMinutes(61)); // the cap is 60 minutes a day
        assertPassed(talking.await());
        assertPassed(carrier.await());
        await(() -> history.live(setup.customer().admin(), setup.instance()).isEmpty());

        assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(phone, "+4940123456", "0"), 403))
                .with(phone.auth()).run());
        assertPassed(Sipp.client("uac_fail.xml", fixtures.sipPort(), status(vars(phone, "+4940123457", "0"), 403))
                .with(phone.auth()).run());
        Sipp emergency = carrier("112").start();
        assertPassed(Sipp.client("uac_call.xml", fixtures.sipPort(), vars(phone, "112", "200")).with(phone.auth())
                .run());
        assertPassed(emergency.await());

        await(() -> history.history(setup.customer().admin(), setup.instance(), "100").size() == 4);
        assertThat(history.history(setup.customer().admin(), setup.instance(), "100"))
                .filteredOn(c -> c.to().startsWith("+4940")).extracting(CallView::endReason)
                .containsExactly("FRAUD_AIRTIME", "FRAUD_AIRTIME");
        List<StoredMail> alerts = outbox.to(setup.customer().email()).stream()
                .filter(m -> m.subject().startsWith("Calls to the public network stopped for today")).toList();
        assertThat(alerts).as("one alert a day").hasSize(1);
        assertThat(alerts.get(0).body()).contains("60 minutes");
    }

    @Test
    void failedRegistrationsBanTheAccountThenTheSourceAddressAndScannersAreRefused() {
        Setup setup = fixtures.instance(2, 2, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        Phone other = fixtures.phone(setup, "101", DeviceKind.DESK_PHONE);
        String[] wrong = { "-au", phone.user(), "-ap", "not the password" };

        for (int i = 0; i < 5; i++) {
            assertPassed(Sipp.client("register_wrong.xml", fixtures.sipPort(), phone.vars()).with(wrong).run());
        }
        // banned: even the right password is refused at once, while another account registers
        assertPassed(Sipp.client("register_refused.xml", fixtures.sipPort(), refused(phone, 403))
                .with(phone.auth()).run());
        assertPassed(Sipp.client("register.xml", fixtures.sipPort(), other.vars()).with(other.auth()).run());

        // from another address, five failures with names that do not exist ban the address for every account
        for (int i = 0; i < 5; i++) {
            Map<String, String> v = other.vars();
            v.put("user", "guess" + i);
            assertPassed(Sipp.client("register_wrong.xml", fixtures.sipPort(), v).from("127.0.0.2")
                    .with("-au", "guess" + i, "-ap", "guess").run());
        }
        assertPassed(Sipp.client("register_refused.xml", fixtures.sipPort(), refused(other, 403)).from("127.0.0.2")
                .with(other.auth()).run());
        assertPassed(Sipp.client("register.xml", fixtures.sipPort(), other.vars()).with(other.auth()).run());

        Map<String, String> scanner = refused(other, 403);
        scanner.put("agent", "friendly-scanner");
        assertPassed(Sipp.client("register_refused.xml", fixtures.sipPort(), scanner).run());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Sipp carrier(String expect) {
        Map<String, String> v = new HashMap<>();
        v.put("expect", expect);
        v.put("carrieruser", CARRIER_USER);
        v.put("carrierpassword", CARRIER_PASSWORD);
        return Sipp.server("carrier_answer.xml", CARRIER_PORT, 1, v);
    }

    private static Map<String, String> refused(Phone phone, int status) {
        Map<String, String> v = phone.vars();
        v.put("agent", "sipp");
        v.put("status", String.valueOf(status));
        return v;
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
