package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Connector;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;

/**
 * The device of each licence reason: sent by an outside phone system with its events, kept with the
 * session, pairing or call, and shown in the live view, the history API, the page and the CSV.
 */
class LicenceDevicesIntegrationTest extends IntegrationTestBase {

    @Autowired
    LicensingFixtures fixtures;

    @Test
    void anOutsidePhoneSystemNamesTheDeviceAndTheLicenceAndItsHistoryShowIt() throws Exception {
        Setup setup = fixtures.subscribed(1, 2, 0);
        Connector pbx = new Connector(port, setup);

        ConnectorApiIntegrationTest.assertAnswer(pbx.post("{\"type\":\"OUTBOUND_CALL_STARTED\",\"subject\":\"100\","
                + "\"ref\":\"call-1\",\"destination\":\"+4930123456\",\"device\":{\"id\":\"yealink-17\","
                + "\"name\":\"Desk phone 100\"}}"), true, 1);
        // A caller that sends no device is answered as before; the view says no device was named.
        ConnectorApiIntegrationTest.assertAnswer(pbx.send("DESKTOP_OPENED", "100", "d-100"), true, 1);
        // Over the limit, an emergency call holds a licence and names its device.
        ConnectorApiIntegrationTest.assertAnswer(pbx.post("{\"type\":\"OUTBOUND_CALL_STARTED\",\"subject\":\"101\","
                + "\"ref\":\"call-112\",\"destination\":\"112\",\"device\":{\"id\":\"dect-3\","
                + "\"name\":\"DECT handset 101\"}}"), true, 2);

        JsonNode holders = pbx.licence().json().path("holders");
        assertThat(holders).hasSize(2);
        JsonNode first = holders.get(0);
        assertThat(first.path("subject").asString()).isEqualTo("100");
        assertThat(first.path("held")).hasSize(2);
        JsonNode call = held(first, "OUTBOUND_CALL");
        assertThat(call.path("device").path("name").asString()).isEqualTo("Desk phone 100");
        assertThat(call.path("device").path("id").asString()).isEqualTo("yealink-17");
        assertThat(call.path("since").asString()).isNotBlank();
        assertThat(held(first, "DESKTOP_SESSION").path("device").isNull()).isTrue();
        assertThat(holders.get(1).path("overLimit").asBoolean()).isTrue();
        assertThat(holders.get(1).path("held").get(0).path("emergency").asBoolean()).isTrue();

        // The call ends without naming its device: its release keeps the device of its start.
        ConnectorApiIntegrationTest.assertAnswer(pbx.send("CALL_ENDED", "100", "call-1"), true, 2);
        Api admin = new Api(port).as(setup.customer().email(), PASSWORD);
        Response history = admin.get(setup.path() + "/licence/history");
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        JsonNode newest = history.json().get(0);
        assertThat(newest.path("action").asString()).isEqualTo("RELEASED");
        assertThat(newest.path("ref").asString()).isEqualTo("call-1");
        assertThat(newest.path("device").path("name").asString()).isEqualTo("Desk phone 100");
        assertThat(history.json()).hasSize(4);
        ConnectorApiIntegrationTest.assertProblem(admin.get(setup.path() + "/licence/history?from=yesterday"), 400,
                "from");
        ConnectorApiIntegrationTest.assertProblem(admin.get(setup.path() + "/licence/history?limit=0"), 400, "limit");
        Setup other = fixtures.subscribed(1, 1, 0);
        assertThat(admin.get(other.path() + "/licence/history").status()).isEqualTo(404);

        HttpClient browser = signedIn(setup.customer().admin().email());
        String csv = get(browser, "/licensing/instances/" + setup.instance().value() + "/history.csv");
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",device_id,device_name");
        assertThat(csv).contains(",yealink-17,Desk phone 100\n").contains(",dect-3,DECT handset 101\n");

        // The live view on the page: the name, each reason with its device and since when, the emergency call.
        String page = get(browser, "/licensing/instances/" + setup.instance().value());
        Matcher row = Pattern.compile("id=\"holder-101\".*?</tr>", Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as(page).isTrue();
        assertThat(row.group()).contains("Employee 1").contains("DECT handset 101").contains("emergency call")
                .contains("since");
        assertThat(page).contains("id=\"over-limit\"").contains("1 more than the 1 licensed");
        Matcher events = Pattern.compile("id=\"history\".*?</table>", Pattern.DOTALL).matcher(page);
        assertThat(events.find()).isTrue();
        assertThat(events.group()).contains("Desk phone 100").contains("released").contains("Employee 0");
    }

    @Test
    void aBadDeviceIsAProblemAndChangesNothing() {
        Setup setup = fixtures.subscribed(1, 1, 0);
        Connector pbx = new Connector(port, setup);
        String start = "{\"type\":\"DESKTOP_OPENED\",\"subject\":\"100\",\"ref\":\"d-1\",\"device\":";

        ConnectorApiIntegrationTest.assertProblem(pbx.post(start + "\"phone\"}"), 400, "device");
        ConnectorApiIntegrationTest.assertProblem(pbx.post(start + "{\"id\":\"p-1\"}}"), 400, "device.name");
        ConnectorApiIntegrationTest.assertProblem(pbx.post(start + "{\"name\":\"Desk phone\"}}"), 400, "device.id");
        ConnectorApiIntegrationTest.assertProblem(pbx.post(start + "{\"id\":\"p-1\",\"name\":\"" + "x".repeat(101)
                + "\"}}"), 400, "device.name");
        ConnectorApiIntegrationTest.assertProblem(pbx.post(start + "{\"id\":\"p-1\",\"name\":\"Desk\\u0007\"}}"), 400,
                "device.name");
        ConnectorApiIntegrationTest.assertProblem(pbx.post(start + "{\"id\":\"p-1\",\"name\":\"Desk\",\"colour\":1}}"),
                400, "device.colour");
        ConnectorApiIntegrationTest.assertProblem(pbx.post(start + "{\"id\":[1],\"name\":\"Desk\"}}"), 400,
                "device.id");
        assertThat(pbx.licence().json().path("occupied").asInt()).isZero();

        ConnectorApiIntegrationTest.assertAnswer(pbx.post(start + "null}"), true, 1);
    }

    private static JsonNode held(JsonNode holder, String reason) {
        for (JsonNode h : holder.path("held")) {
            if (h.path("reason").asString().equals(reason)) {
                return h;
            }
        }
        throw new AssertionError("no " + reason + " in " + holder);
    }

    /** A client signed in as this person, as a browser is. */
    private HttpClient signedIn(String email) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://localhost:" + port;
        String login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return client;
    }

    private String get(HttpClient client, String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }
}
