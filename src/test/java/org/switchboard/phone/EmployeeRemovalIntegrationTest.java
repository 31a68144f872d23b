package org.switchboard.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.Commands.ResetPassword;
import org.switchboard.accounts.CredentialManagement;
import org.switchboard.accounts.InvalidLinkException;
import org.switchboard.licensing.Holder;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.licensing.SubjectManagement.NewSubject;
import org.switchboard.phone.PhoneFixtures.EmployeeLogin;
import org.switchboard.phone.PhoneFixtures.Office;
import org.switchboard.phone.SessionClient.SipSocket;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A customer admin removes an employee from the desktop client, or sends its invitation again. */
class EmployeeRemovalIntegrationTest extends IntegrationTestBase {

    @Autowired
    PhoneFixtures fixtures;
    @Autowired
    LicenceManagement licences;
    @Autowired
    SubjectManagement subjects;
    @Autowired
    AccountFixtures accounts;
    @Autowired
    CredentialManagement credentials;

    @Test
    void aRemovedEmployeeIsSignedOutItsClientClosedItsLicenceFreedAndItsMobilesUnpaired() throws Exception {
        Office office = fixtures.office(3, 2);
        EmployeeLogin anna = office.employees().get(0);
        EmployeeLogin ben = office.employees().get(1);
        Api admin = new Api(port).as(office.setup().customer().email(), PASSWORD);
        String base = "/api/v1/instances/" + office.setup().instance().value() + "/employees";

        // Anna's client is open (a registration over her session's socket) and her mobile is paired
        SessionClient session = new SessionClient(port).logIn(anna.email(), anna.password());
        JsonNode me = JsonMapper.builder().build().readTree(session.getJson("/phone/me").body());
        SipSocket socket = session.openSip();
        socket.send(PhoneWebSocketIntegrationTest.register(me.get("sipUri").asString(), me.get("domain").asString(),
                1, 120));
        assertThat(socket.next()).startsWith("SIP/2.0 200");
        Api annasApi = new Api(port).as(anna.email(), anna.password());
        String code = annasApi.post("/api/v1/phone/pairing-codes", "").json().get("code").asString();
        assertThat(new Api(port).post("/api/v1/mobile/pairings", Map.of("code", code, "deviceName", "Anna's phone"))
                .status()).isEqualTo(201);
        assertThat(holders(office)).extracting(Holder::subject).containsExactly(anna.extension());
        assertThat(openClients(admin, base)).containsExactly(anna.extension());

        String annasId = userId(admin, base, anna.extension());
        // an employee or a stranger removes nobody
        assertThat(new Api(port).as(ben.email(), ben.password()).delete(base + "/" + annasId).status()).isEqualTo(403);
        assertThat(admin.delete(base + "/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);

        assertThat(admin.delete(base + "/" + annasId).status()).isEqualTo(204);

        // no licence held any more: neither the client nor the mobile
        assertThat(holders(office)).isEmpty();
        // the socket is closed by the platform, and her session is over
        assertThat(socket.closedByServer.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(session.getJson("/phone/me").status()).isEqualTo(401);
        assertThat(annasApi.get("/api/v1/phone/me").status()).isEqualTo(401);
        assertThat(new SessionClient(port).openSip().open()).isFalse();
        // she is gone from the list; Ben stays, and Anna's extension can be invited again
        assertThat(admin.get(base).json().findValuesAsString("extension")).containsExactly(ben.extension());
        assertThat(admin.post(base, Map.of("extension", anna.extension())).status()).isEqualTo(201);
    }

    @Test
    void aSecondInvitationMailsANewLinkAndTheOldOneStopsWorking() {
        Office office = fixtures.office(2, 0);
        Api admin = new Api(port).as(office.setup().customer().email(), PASSWORD);
        String base = "/api/v1/instances/" + office.setup().instance().value() + "/employees";
        String email = AccountFixtures.uniqueEmail("carla");
        subjects.add(office.setup().customer().admin(), office.setup().instance(),
                new NewSubject("EMPLOYEE", "301", "Carla", email, null));
        assertThat(admin.post(base, Map.of("extension", "301")).status()).isEqualTo(201);
        String first = AccountFixtures.token(accounts.link(email, "/password/reset"));
        String id = userId(admin, base, "301");

        assertThat(admin.post(base + "/" + id + "/invitation", "").status()).isEqualTo(202);
        List<String> links = accounts.mailsTo(email).stream().flatMap(m -> m.links().stream()).distinct().toList();
        assertThat(links).hasSize(2);
        String second = AccountFixtures.token(links.stream().filter(l -> !l.contains(first)).findFirst().orElseThrow());

        assertThatThrownBy(() -> credentials.resetPassword(new ResetPassword(first, PASSWORD)))
                .isInstanceOf(InvalidLinkException.class);
        credentials.resetPassword(new ResetPassword(second, PASSWORD));
        assertThat(new Api(port).as(email, PASSWORD).get("/api/v1/phone/me").status()).isEqualTo(200);

        // with a password set there is nothing to send again
        Api.Response again = admin.post(base + "/" + id + "/invitation", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).contains("has set a password already");
    }

    private static String userId(Api admin, String base, String extension) {
        for (JsonNode e : admin.get(base).json()) {
            if (e.get("extension").asString().equals(extension)) {
                return e.get("userId").asString();
            }
        }
        throw new AssertionError("no employee " + extension);
    }

    private static List<String> openClients(Api admin, String base) {
        List<String> open = new java.util.ArrayList<>();
        admin.get(base).json().forEach(e -> {
            if (e.get("clientOpen").asBoolean()) {
                open.add(e.get("extension").asString());
            }
        });
        return open;
    }

    private List<Holder> holders(Office office) {
        return licences.state(office.setup().customer().admin(), office.setup().instance()).holders();
    }

}
