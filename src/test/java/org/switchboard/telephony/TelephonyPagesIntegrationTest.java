package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.IntegrationTestBase;
import org.switchboard.testing.PageClient;

class TelephonyPagesIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;

    @Test
    void anAdminAddsADeviceSeesItsPasswordOnceAndThePageListsDevicesAndCalls() throws Exception {
        Setup setup = fixtures.instance(2, 1, 0);
        PageClient browser = PageClient.followingRedirects(port).logIn(setup.customer().admin().email(), PASSWORD);
        String path = "/telephony/instances/" + setup.instance().value();

        String page = browser.get(path).html();
        assertThat(page).contains("id=\"no-devices\"").contains(".sip.localhost").contains("id=\"trunks\"")
                .contains("No own trunk");

        String added = browser.post(path + "/devices", Map.of("extension", "100", "kind", "DECT_HANDSET", "label", "")).html();
        Matcher password = Pattern.compile("id=\"created-password\">([^<]+)<").matcher(added);
        assertThat(password.find()).as(added).isTrue();
        Matcher user = Pattern.compile("id=\"created-user\">([^<]+)<").matcher(added);
        assertThat(user.find()).isTrue();

        String again = browser.get(path).html();
        assertThat(again).contains("id=\"device-" + user.group(1) + "\"").contains("DECT handset")
                .doesNotContain(password.group(1)).contains("id=\"call-history\"").contains("id=\"live-calls\"");

        String wrong = browser.post(path + "/devices", Map.of("extension", "555", "kind", "DESK_PHONE", "label", "")).html();
        assertThat(wrong).contains("id=\"form-errors\"").contains("no employee or function extension 555");
    }

    @Test
    void aCustomerAdminOpensCountriesOnThePageAndTheOperatorSeesTheGuardSettingsWithMessagesForBadValues()
            throws Exception {
        Setup setup = fixtures.instance(2, 1, 0);
        PageClient admin = PageClient.followingRedirects(port).logIn(setup.customer().admin().email(), PASSWORD);
        String path = "/telephony/instances/" + setup.instance().value();
        assertThat(admin.get(path).html()).contains("id=\"countries-form\"").contains("id=\"country-FR\"")
                .contains("id=\"country-AT\"").doesNotContain("id=\"country-GB\"");
        String refused = admin.post(path + "/call-countries", Map.of("countries", "GB")).html();
        assertThat(refused).contains("id=\"error-countries\"").contains("GB cannot be opened");
        String opened = admin.post(path + "/call-countries", Map.of("countries", "FR")).html();
        assertThat(opened).contains("id=\"countries-message\"").contains("id=\"opened-countries\">FR<");

        PageClient operator = PageClient.followingRedirects(port).logIn(OPERATOR_EMAIL, PASSWORD);
        String settings = operator.get("/operator/telephony").html();
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
                "callsPerMinutePerDevice", "ten", "concurrentOutboundPerInstance", "50", "dailyAirtimeMinutes", "60")).html();
        assertThat(bad).contains("id=\"form-errors\"").contains("id=\"error-callsPerMinutePerDevice\"")
                .contains("must be a whole number, not &#39;ten&#39;");
        Matcher now = source.matcher(operator.get("/operator/telephony").html());
        assertThat(now.find()).isTrue();
        assertThat(now.group(1)).as("nothing saved").isEqualTo(was.group(1));
    }

}
