package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;

/**
 * The change preview shows what an upgrade costs this month, pro rata, as the next invoice will
 * charge it; and one more concurrent user can lower the monthly net (25 at 8.01 = 200.25, 26 at
 * 7.57 = 196.82): that is an upgrade in count, applied at once, with the rest of the month
 * credited exactly, and the form says so. Where a larger count costs less a month (the volume
 * table's cliff), the subscribe form and the change form name it before the customer commits.
 */
class CheaperCountIntegrationTest extends IntegrationTestBase {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    AccountFixtures accounts;
    @Autowired
    SubscriptionTimelines timelines;

    static Instant berlin(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(BERLIN).toInstant();
    }

    /** The page as a signed-in browser gets it: logs in with the form, then asks for the page. */
    String page(String email, String path) {
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .cookieHandler(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL))
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
            String login = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/login"))).GET()
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                    .matcher(login);
            assertThat(csrf.find()).isTrue();
            String form = "email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)
                    + "&password=" + java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                    + "&_csrf=" + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
            var loggedIn = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/login")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(loggedIn.headers().firstValue("Location").orElse("")).endsWith("/dashboard");
            var page = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                    .header("Accept", "text/html").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            return page.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twentySixAfterTwentyFiveIsAnUpgradeWithAnExactCreditThatThePreviewShows() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Count Partner"), "Count GmbH", true);
        Api api = new Api(port).as(customer.email(), PASSWORD);
        clock.set(berlin(2031, 6, 2, 8, 0));
        String id = SubscriptionFixtures.subscribe(port, customer, "Head office", 25);
        SubscriptionFixtures.awaitTimeline(timelines, id, 1);
        String path = "/api/v1/instances/" + id;

        clock.set(berlin(2031, 6, 17, 12, 0));
        // 28 cost more: (28 x 7.57 = 211.96) - 200.25 = 11.71 a month;
        // 11.71 x 19,440 / 43,200 minutes (17 June 12:00 to 1 July) = 5.2695 -> 5.27 this month.
        Response more = api.get(path + "/subscription/changes/preview?concurrentUsers=28");
        assertThat(more.status()).as(more.toString()).isEqualTo(200);
        assertThat(more.json().path("proRataThisMonth").decimalValue()).isEqualByComparingTo("5.27");
        assertThat(more.text("proRataText")).isEqualTo("For the rest of this month: 5.27 € net pro rata, on the next invoice.");

        // 26: -3.43 a month; -3.43 x 19,440 / 43,200 = -1.5435 -> -1.54, credited.
        Response cheaper = api.get(path + "/subscription/changes/preview?concurrentUsers=26");
        assertThat(cheaper.text("kind")).isEqualTo("UPGRADE");
        assertThat(cheaper.json().path("monthlyDifference").decimalValue()).isEqualByComparingTo("-3.43");
        assertThat(cheaper.json().path("proRataThisMonth").decimalValue()).isEqualByComparingTo("-1.54");
        assertThat(cheaper.text("proRataText")).contains("an upgrade all the same, applied at once")
                .contains("credited exactly, 1.54 € net");

        // The instance page's change form says the same.
        String form = page(customer.email(), "/instances/" + id + "/change-preview?concurrentUsers=26");
        assertThat(form).contains("id=\"preview-pro-rata\"").contains("credited exactly, 1.54 € net");

        Response upgraded = api.post(path + "/subscription/changes", Map.of("concurrentUsers", 26));
        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        assertThat(upgraded.text("kind")).isEqualTo("UPGRADE");
        SubscriptionFixtures.awaitTimeline(timelines, id, 2);

        // The invoice preview of June: the first month, the credit of -1.54 and July at 196.82.
        JsonNode lines = api.get(path + "/invoice-preview").json().path("lines");
        List<String> amounts = new ArrayList<>();
        lines.forEach(l -> amounts.add(l.path("amount").decimalValue().toPlainString()));
        assertThat(amounts).contains("-1.54", "196.82");
    }

    @Test
    void theSubscribeFormAndTheChangeFormNameTheLargerCountThatCostsLess() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Cliff Partner"), "Cliff GmbH", true);
        Api api = new Api(port).as(customer.email(), PASSWORD);
        clock.set(berlin(2031, 8, 3, 9, 0));

        // a trial's subscribe form: 25 at 8.01 = 200.25 a month, 26 at 7.57 = 196.82
        Response trial = api.post("/api/v1/instances", Map.of("name", "Cliff trial", "subdomain",
                "cliff-" + java.util.UUID.randomUUID().toString().substring(0, 8), "country", "DE", "trial", true));
        assertThat(trial.status()).as(trial.toString()).isEqualTo(201);
        String subscribe = page(customer.email(), "/instances/" + trial.text("id")
                + "/subscription-preview?plan=basic&concurrentUsers=25");
        assertThat(subscribe).contains("id=\"price-cheaper\"").contains("<span id=\"price-cheaper-count\">26</span>")
                .contains("196.82").contains("200.25");
        assertThat(page(customer.email(), "/instances/" + trial.text("id")
                + "/subscription-preview?plan=basic&concurrentUsers=24")).doesNotContain("price-cheaper");

        // a subscription of 20 asked for 25: the change form names 26 too
        String id = SubscriptionFixtures.subscribe(port, customer, "Cliff office", 20);
        String path = "/api/v1/instances/" + id;
        Response to25 = api.get(path + "/subscription/changes/preview?concurrentUsers=25");
        assertThat(to25.status()).as(to25.toString()).isEqualTo(200);
        assertThat(to25.json().path("cheaperConcurrentUsers").asInt()).isEqualTo(26);
        assertThat(to25.json().path("cheaperMonthlyNet").decimalValue()).isEqualByComparingTo("196.82");
        assertThat(api.get(path + "/subscription/changes/preview?concurrentUsers=28").json()
                .path("cheaperConcurrentUsers").isNull()).isTrue();
        String form = page(customer.email(), "/instances/" + id + "/change-preview?concurrentUsers=25");
        assertThat(form).contains("id=\"preview-cheaper\"").contains("196.82");
    }
}
