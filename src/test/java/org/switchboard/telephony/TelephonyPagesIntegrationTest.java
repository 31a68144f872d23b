package org.switchboard.telephony;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.IntegrationTestBase;

class TelephonyPagesIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;

    @Test
    void anAdminAddsADeviceSeesItsPasswordOnceAndThePageListsDevicesAndCalls() throws Exception {
        Setup setup = fixtures.instance(2, 1, 0);
        Browser browser = new Browser(port);
        browser.logIn(setup.customer().admin().email());
        String path = "/telephony/instances/" + setup.instance().value();

        String page = browser.get(path);
        assertThat(page).contains("id=\"no-devices\"").contains(".sip.localhost").contains("id=\"trunks\"")
                .contains("No own trunk");

        String added = browser.post(path + "/devices", Map.of("extension", "100", "kind", "DECT_HANDSET", "label", ""));
        Matcher password = Pattern.compile("id=\"created-password\">([^<]+)<").matcher(added);
        assertThat(password.find()).as(added).isTrue();
        Matcher user = Pattern.compile("id=\"created-user\">([^<]+)<").matcher(added);
        assertThat(user.find()).isTrue();

        String again = browser.get(path);
        assertThat(again).contains("id=\"device-" + user.group(1) + "\"").contains("DECT handset")
                .doesNotContain(password.group(1)).contains("id=\"call-history\"").contains("id=\"live-calls\"");

        String wrong = browser.post(path + "/devices", Map.of("extension", "555", "kind", "DESK_PHONE", "label", ""));
        assertThat(wrong).contains("id=\"form-errors\"").contains("no employee or function extension 555");
    }

    @Test
    void aCustomerAdminOpensCountriesOnThePageAndTheOperatorSeesTheGuardSettingsWithMessagesForBadValues()
            throws Exception {
        Setup setup = fixtures.instance(2, 1, 0);
        Browser admin = new Browser(port);
        admin.logIn(setup.customer().admin().email());
        String path = "/telephony/instances/" + setup.instance().value();
        assertThat(admin.get(path)).contains("id=\"countries-form\"").contains("id=\"country-FR\"")
                .contains("id=\"country-AT\"").doesNotContain("id=\"country-GB\"");
        String refused = admin.post(path + "/call-countries", Map.of("countries", "GB"));
        assertThat(refused).contains("id=\"error-countries\"").contains("GB cannot be opened");
        String opened = admin.post(path + "/call-countries", Map.of("countries", "FR"));
        assertThat(opened).contains("id=\"countries-message\"").contains("id=\"opened-countries\">FR<");

        Browser operator = new Browser(port);
        operator.logIn(OPERATOR_EMAIL);
        String settings = operator.get("/operator/telephony");
        assertThat(settings).contains("id=\"sip-settings-form\"").contains("127.0.0.1:" + CARRIER_PORT)
                .doesNotContain(CARRIER_PASSWORD);
        // the one list of premium-rate and service ranges, with those the operator lets through
        Matcher ranges = Pattern.compile("id=\"service-ranges\".*?</details>", Pattern.DOTALL).matcher(settings);
        assertThat(ranges.find()).isTrue();
        assertThat(ranges.group()).containsPattern("\\+49900</td>\\s*<td>premium-rate \\(0900\\)</td>\\s*<td>blocked")
                .containsPattern("\\+49800</td>\\s*<td>freephone \\(0800\\)</td>\\s*<td>let through");
        assertThat(settings).contains("name=\"allowedPrefixes\"");
        Pattern source = Pattern.compile("id=\"settings-source\">([^<]*)<");
        Matcher was = source.matcher(settings);
        assertThat(was.find()).isTrue();
        String bad = operator.post("/operator/telephony", Map.of("carrierAddress", "127.0.0.1:" + CARRIER_PORT,
                "carrierTransport", "udp", "carrierUsername", CARRIER_USER, "carrierPassword", "", "callerIdHeader",
                "P_ASSERTED_IDENTITY", "allowedCountries", "AT FR", "blockedPrefixes", "+49900",
                "callsPerMinutePerDevice", "ten", "concurrentOutboundPerInstance", "50", "dailyAirtimeMinutes", "60"));
        assertThat(bad).contains("id=\"form-errors\"").contains("id=\"error-callsPerMinutePerDevice\"")
                .contains("must be a whole number, not &#39;ten&#39;");
        Matcher now = source.matcher(operator.get("/operator/telephony"));
        assertThat(now.find()).isTrue();
        assertThat(now.group(1)).as("nothing saved").isEqualTo(was.group(1));
    }

    /** A browser without a screen: keeps the session and sends each form with the last page's CSRF token. */
    private static final class Browser {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final String base;
        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        private String csrf;

        Browser(int port) {
            this.base = "http://localhost:" + port;
        }

        void logIn(String email) throws Exception {
            get("/login");
            post("/login", Map.of("email", email, "password", PASSWORD));
        }

        String get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        String post(String path, Map<String, String> fields) throws Exception {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf);
            String body = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private String send(HttpRequest.Builder request) throws Exception {
            HttpResponse<String> r = client.send(request.header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r.body();
        }
    }
}
