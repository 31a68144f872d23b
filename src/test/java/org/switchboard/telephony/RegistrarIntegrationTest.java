package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.telephony.DeviceRegistrations.Registration;
import org.switchboard.telephony.TelephonyFixtures.Phone;
import org.switchboard.connector.Reason;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

import io.micrometer.core.instrument.MeterRegistry;

class RegistrarIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;
    @Autowired
    DeviceRegistrations devices;
    @Autowired
    LicenceManagement licences;
    @Autowired
    MeterRegistry meters;

    @Test
    void aDeskPhoneRegistersWithDigestOverUdpAndTcp() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Sipp.available(), "sipp is not installed");
        Setup setup = fixtures.instance(2, 2, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);

        Sipp.Result udp = Sipp.client("register.xml", fixtures.sipPort(), phone.vars()).with(phone.auth()).run();
        assertThat(udp.passed()).as(udp.output()).isTrue();
        Sipp.Result tcp = Sipp.client("register.xml", fixtures.sipPort(), phone.vars()).with(phone.auth()).tcp().run();
        assertThat(tcp.passed()).as(tcp.output()).isTrue();

        List<Registration> registrations = devices.registrations(setup.customer().admin(), setup.instance());
        assertThat(registrations).hasSize(2).allSatisfy(r -> {
            assertThat(r.extension()).isEqualTo("100");
            assertThat(r.userAgent()).isEqualTo("sipp");
        });
        assertThat(registrations).extracting(Registration::source).anyMatch(s -> s.startsWith("udp:"))
                .anyMatch(s -> s.startsWith("tcp:"));
    }

    @Test
    void sha256DigestRegistersAndTheSameCredentialsInANewRequestAreChallengedAsStaleWithoutABan() {
        Setup setup = fixtures.instance(2, 1, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        try (SipClient sip = new SipClient(fixtures.sipPort())) {
            String challenge = sip.exchange(sip.register(phone.user(), phone.domain(), 300, null));
            assertThat(SipClient.status(challenge)).isEqualTo(401);
            assertThat(challenge).contains("algorithm=SHA-256").contains("algorithm=MD5").contains("qop=\"auth\"");

            String wrong = SipClient.answer(challenge, "SHA-256", phone.user(), "wrong password", "REGISTER",
                    "sip:" + phone.domain(), "00000001");
            assertThat(SipClient.status(sip.exchange(sip.register(phone.user(), phone.domain(), 300, wrong))))
                    .isEqualTo(401);

            String auth = SipClient.answer(challenge, "SHA-256", phone.user(), phone.password(), "REGISTER",
                    "sip:" + phone.domain(), "00000001");
            String registration = sip.register(phone.user(), phone.domain(), 300, auth);
            String ok = sip.exchange(registration);
            assertThat(SipClient.status(ok)).as(ok).isEqualTo(200);
            assertThat(ok).contains("Contact: <sip:" + phone.user() + "@127.0.0.1:" + sip.localPort() + ">;expires=300");
            // sent again as it was, it is a retransmission: the same answer, and nothing done again
            assertThat(SipClient.status(sip.exchange(registration))).as("retransmitted").isEqualTo(200);
            // the same credentials in a new request (a new Via branch) are a replay: refused
            String replay = registration.replaceFirst(";branch=z9hG4bK[^\\r\\n]*", ";branch=z9hG4bK-replayed");
            assertThat(replay).isNotEqualTo(registration);
            double reusedBefore = meters.get("sip.digest.reused").functionCounter().count();
            String refused = sip.exchange(replay);
            assertThat(SipClient.status(refused)).as("replayed").isEqualTo(401);
            // a replay guesses no password, and is what a retransmission looks like once the door has
            // forgotten its answer: the challenge says stale, so a phone answers the new nonce at once
            // without asking its user, and more of them than the failures that ban an address do not ban it
            assertThat(refused).contains("stale=true").contains("Nonce count already used");
            for (int i = 0; i < 6; i++) {
                String again = registration.replaceFirst(";branch=z9hG4bK[^\\r\\n]*", ";branch=z9hG4bK-replayed" + i);
                assertThat(SipClient.status(sip.exchange(again))).as("replayed again").isEqualTo(401);
            }
            assertThat(meters.get("sip.digest.reused").functionCounter().count() - reusedBefore)
                    .as("nonce counts used again, as the operator's metric counts them").isEqualTo(7);
            assertThat(new Api(port).get("/actuator/prometheus").body()).contains("sip_digest_reused_total",
                    "sip_messages_received_total", "sip_messages_shed_total", "sip_queue_waiting", "sip_queue_refusing",
                    "sip_calls_live");
            String renewed = SipClient.answer(refused, "SHA-256", phone.user(), phone.password(), "REGISTER",
                    "sip:" + phone.domain(), "00000001");
            assertThat(SipClient.status(sip.exchange(sip.register(phone.user(), phone.domain(), 300, renewed))))
                    .as("the stale challenge's new nonce answered").isEqualTo(200);

            String next = SipClient.answer(challenge, "SHA-256", phone.user(), phone.password(), "REGISTER",
                    "sip:" + phone.domain(), "00000002");
            assertThat(SipClient.status(sip.exchange(sip.register(phone.user(), phone.domain(), 300, next))))
                    .as("the next nonce count").isEqualTo(200);

            // a count no phone sends, with the right password: a bad request, not a stale challenge that
            // the phone would answer with the same count again and again
            for (String nc : List.of("zz", "00000000", "123456789")) {
                String odd = SipClient.answer(challenge, "SHA-256", phone.user(), phone.password(), "REGISTER",
                        "sip:" + phone.domain(), nc);
                String answer = sip.exchange(sip.register(phone.user(), phone.domain(), 300, odd));
                assertThat(SipClient.status(answer)).as(nc + ": " + answer).isEqualTo(400);
                assertThat(answer).contains("The nonce count (nc) must be eight hex digits").doesNotContain("stale=true");
            }
        }
    }

    @Test
    void aDesktopClientsRegistrationIsItsDesktopSessionOpenedAndClosedOrExpired() {
        Setup setup = fixtures.instance(2, 1, 0);
        Phone desktop = fixtures.phone(setup, "100", DeviceKind.DESKTOP_CLIENT);
        try (SipClient sip = new SipClient(fixtures.sipPort())) {
            assertThat(register(sip, desktop, 120, "00000001")).isEqualTo(200);
            assertThat(licences.state(setup.customer().admin(), setup.instance()).holders()).singleElement()
                    .satisfies(h -> assertThat(h.reasons()).containsExactly(Reason.DESKTOP_SESSION))
                    .satisfies(h -> assertThat(h.holds()).singleElement().satisfies(hold -> {
                        assertThat(hold.reason()).isEqualTo(Reason.DESKTOP_SESSION);
                        assertThat(hold.deviceName()).as("the client's device names the session")
                                .isEqualTo("Desktop client 100");
                    }));
            assertThat(register(sip, desktop, 120, "00000002")).as("refresh: a heartbeat").isEqualTo(200);
            assertThat(register(sip, desktop, 0, "00000003")).as("unregister").isEqualTo(200);
            assertThat(licences.state(setup.customer().admin(), setup.instance()).occupied()).isZero();

            assertThat(register(sip, desktop, 60, "00000004")).isEqualTo(200);
            assertThat(licences.state(setup.customer().admin(), setup.instance()).occupied()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(61));
            long until = System.currentTimeMillis() + 10_000;
            while (licences.state(setup.customer().admin(), setup.instance()).occupied() > 0
                    && System.currentTimeMillis() < until) {
                Thread.sleep(200);
            }
            assertThat(licences.state(setup.customer().admin(), setup.instance()).occupied()).as("expired").isZero();
            assertThat(devices.registrations(setup.customer().admin(), setup.instance())).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aDesktopClientIsRegisteredForLessThanTheHeartbeatTimeoutSoItsRefreshKeepsItsLicence() {
        Setup setup = fixtures.instance(2, 2, 0);
        Phone desktop = fixtures.phone(setup, "100", DeviceKind.DESKTOP_CLIENT);
        Phone desk = fixtures.phone(setup, "101", DeviceKind.DESK_PHONE);
        long heartbeat = licences.timeouts()[0].toSeconds();
        try (SipClient sip = new SipClient(fixtures.sipPort())) {
            String challenge = sip.exchange(sip.register(desktop.user(), desktop.domain(), 3600, null));
            String auth = SipClient.answer(challenge, "SHA-256", desktop.user(), desktop.password(), "REGISTER",
                    "sip:" + desktop.domain(), "00000001");
            String ok = sip.exchange(sip.register(desktop.user(), desktop.domain(), 3600, auth));
            assertThat(SipClient.status(ok)).as(ok).isEqualTo(200);
            assertThat(ok).as("a desktop client asking for an hour").contains(";expires=" + heartbeat * 2 / 3);
        }
        try (SipClient sip = new SipClient(fixtures.sipPort())) {
            String challenge = sip.exchange(sip.register(desk.user(), desk.domain(), 3600, null));
            String auth = SipClient.answer(challenge, "SHA-256", desk.user(), desk.password(), "REGISTER",
                    "sip:" + desk.domain(), "00000001");
            assertThat(sip.exchange(sip.register(desk.user(), desk.domain(), 3600, auth))).as("a desk phone")
                    .contains(";expires=3600");
        }
    }

    @Test
    void badRequestsGetTheRightAnswerAndNothingIsHeld() {
        Setup setup = fixtures.instance(1, 1, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);
        Setup other = fixtures.instance(1, 1, 0);
        Phone stranger = fixtures.phone(other, "100", DeviceKind.DESK_PHONE);
        try (SipClient sip = new SipClient(fixtures.sipPort())) {
            String base = "Via: SIP/2.0/UDP 127.0.0.1:" + sip.localPort() + ";branch=z9hG4bK-%s\n"
                    + "From: <sip:" + phone.user() + "@" + phone.domain() + ">;tag=9\n"
                    + "To: <sip:101@" + phone.domain() + ">\n"
                    + "Call-ID: bad-%s\n";
            assertThat(SipClient.status(sip.exchange("INVITE sip:101@" + phone.domain() + " SIP/2.0\n"
                    + base.formatted("a", "a") + "Content-Length: 0\n\n"))).as("no CSeq").isEqualTo(400);
            assertThat(SipClient.status(sip.exchange("INVITE sip:101@" + phone.domain() + " SIP/2.0\n"
                    + base.formatted("b", "b") + "CSeq: 1 INVITE\nContent-Length: 999\n\nv=0\n")))
                    .as("Content-Length longer than the body").isEqualTo(400);
            assertThat(SipClient.status(sip.exchange("INVITE sip:101@" + phone.domain() + " SIP/2.0\n"
                    + base.formatted("c", "c") + "CSeq: 1 INVITE\nMax-Forwards: 0\nContent-Length: 0\n\n")))
                    .as("a loop").isEqualTo(483);
            assertThat(SipClient.status(sip.exchange("INVITE sip:101@" + phone.domain() + " SIP/2.0\n"
                    + base.formatted("d", "d") + "CSeq: 1 INVITE\nRequire: 100rel-unknown\nContent-Length: 0\n\n")))
                    .isEqualTo(420);
            assertThat(SipClient.status(sip.exchange("INVITE sip:101@nowhere.example SIP/2.0\n"
                    + base.formatted("e", "e").replace(phone.domain(), "nowhere.example")
                    + "CSeq: 1 INVITE\nContent-Length: 0\n\n"))).as("unknown domain").isEqualTo(404);
            assertThat(SipClient.status(sip.exchange("FROB sip:101@" + phone.domain() + " SIP/2.0\n"
                    + base.formatted("f", "f") + "CSeq: 1 FROB\nContent-Length: 0\n\n"))).isEqualTo(501);

            // a device of another instance is not known here: challenged again, never registered
            String challenge = sip.exchange(sip.register(stranger.user(), phone.domain(), 300, null));
            String auth = SipClient.answer(challenge, "MD5", stranger.user(), stranger.password(), "REGISTER",
                    "sip:" + phone.domain(), "00000001");
            assertThat(SipClient.status(sip.exchange(sip.register(stranger.user(), phone.domain(), 300, auth))))
                    .isEqualTo(401);
        }
        assertThat(devices.registrations(setup.customer().admin(), setup.instance())).isEmpty();
        assertThat(licences.state(setup.customer().admin(), setup.instance()).occupied()).isZero();
    }

    @Test
    void adminsManageDevicesThePasswordIsShownOnceAndBadInputIsAProblem() {
        Setup setup = fixtures.instance(1, 1, 1);
        Api admin = new Api(port).as(setup.customer().admin().email(), PASSWORD);
        String path = "/api/v1/instances/" + setup.instance().value() + "/devices";

        Api.Response created = admin.post(path, java.util.Map.of("extension", "100", "kind", "DESK_PHONE"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String password = created.text("password");
        assertThat(password).hasSize(24);
        assertThat(created.json().path("provisioning").path("domain").asString()).endsWith(".sip.localhost");
        String id = created.text("id");
        assertThat(admin.get(path + "/" + id).body()).doesNotContain(password).contains("\"password\":null");
        Api.Response provisioning = admin.get(path + "/" + id + "/provisioning");
        assertThat(provisioning.json().path("port").asInt()).isEqualTo(fixtures.sipPort());
        assertThat(provisioning.json().path("transports").toString()).contains("UDP", "TCP");

        Api.Response reset = admin.post(path + "/" + id + "/credentials", "");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.text("password")).isNotEqualTo(password);

        Api.Response badKind = admin.post(path, java.util.Map.of("extension", "100", "kind", "FAX_MACHINE"));
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.contentType()).contains("application/problem+json");
        assertThat(badKind.body()).contains("\"field\":\"kind\"");
        assertThat(admin.post(path, java.util.Map.of("extension", "777", "kind", "DESK_PHONE")).status()).isEqualTo(400);
        assertThat(admin.post(path, java.util.Map.of("extension", "900", "kind", "DESKTOP_CLIENT")).body())
                .contains("function extension");
        assertThat(admin.delete(path + "/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.delete(path + "/" + id).status()).isEqualTo(204);
    }

    private static int register(SipClient sip, Phone phone, int expires, String nc) {
        String challenge = sip.exchange(sip.register(phone.user(), phone.domain(), expires, null));
        String auth = SipClient.answer(challenge, "SHA-256", phone.user(), phone.password(), "REGISTER",
                "sip:" + phone.domain(), nc);
        return SipClient.status(sip.exchange(sip.register(phone.user(), phone.domain(), expires, auth)));
    }
}
