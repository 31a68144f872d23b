package org.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.IntegrationTestBase;

/**
 * Every page each role reaches by following the links from its dashboard, signed in as a person
 * would: no raw ISO instant, no status written as a code, no amount of money without its currency.
 */
class PageWordsIntegrationTest extends IntegrationTestBase {

    static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    static final Pattern CODE = Pattern.compile("\\b[A-Z]{3,}_[A-Z_]+\\b");
    /** Two decimals, as money is written, and no currency after it (percentages and rates of four decimals are not money). */
    static final Pattern BARE_AMOUNT = Pattern.compile("(?<![\\d.,])\\d{1,3}(?:,\\d{3})*\\.\\d{2}(?![\\d.%]|\\s*(?:€|EUR))");
    static final Pattern LINK = Pattern.compile("href=\"(/[^\"#?]*)(?:[?#][^\"]*)?\"");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    /** Links that are files, end the session, or leave the pages. */
    static final Pattern NOT_A_PAGE = Pattern.compile(
            "^/(api|v3|swagger|actuator|webjars|css|js|phone/|logout|media/)|\\.(pdf|csv|xml|png|svg|js|css)$|/xrechnung$|/pdf$");
    static final int MOST_PAGES = 120;

    @Autowired
    AccountFixtures accounts;

    @Autowired
    LicensingFixtures licensing;

    @Test
    void everyPageOfEveryRoleWritesTimesStatusesAndMoneyAsPeopleRead() throws Exception {
        Setup setup = licensing.subscribed(accounts.verifiedPartner("Wortwahl Partner"), "Wortwahl GmbH", 8, 3, 1);
        // a second phone system in trial, so that both kinds of status are shown
        new org.switchboard.testing.Api(port).as(setup.customer().email(), PASSWORD).post("/api/v1/instances",
                java.util.Map.of("name", "Filiale", "subdomain", "wort-" + System.nanoTime() % 100000, "country", "DE",
                        "trial", true));

        List<String> problems = new ArrayList<>();
        Set<String> customerPages = crawl(setup.customer().email(), problems);
        Set<String> partnerPages = crawl(setup.partner().email(), problems);
        Set<String> operatorPages = crawl(OPERATOR_EMAIL, problems);

        String instance = "/instances/" + setup.instance().value();
        assertThat(customerPages).as("the customer's pages crawled").contains("/dashboard", instance, "/customer/invoices",
                "/licensing" + instance, "/telephony" + instance);
        assertThat(partnerPages).as("the partner's pages crawled").contains("/dashboard", "/partner/programme",
                "/partner/customers");
        assertThat(operatorPages).as("the operator's pages crawled").contains("/dashboard", "/operator/billing",
                "/operator/programme", "/operator/partners");
        assertThat(problems).as("raw instants, status codes and amounts without currency on the pages").isEmpty();
    }

    /** Follows every link from the dashboard, breadth first, and checks the text of each page. */
    private Set<String> crawl(String email, List<String> problems) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String token = match(CSRF, get(http, "/login").body());
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + encode(email) + "&password=" + encode(PASSWORD)
                        + (token == null ? "" : "&_csrf=" + encode(token))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.uri().getPath()).as("signed in as " + email).isEqualTo("/dashboard");

        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of("/dashboard"));
        while (!next.isEmpty() && seen.size() < MOST_PAGES) {
            String path = next.poll();
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<String> page = get(http, path);
            if (page.statusCode() >= 500) {
                problems.add(email + " " + path + ": answered " + page.statusCode());
            }
            if (page.statusCode() != 200 || !page.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                continue;
            }
            String html = page.body();
            String text = text(html);
            find(ISO_INSTANT, text, email, path, "raw instant", problems);
            find(CODE, text, email, path, "status as a code", problems);
            find(BARE_AMOUNT, text, email, path, "amount without currency", problems);
            Matcher link = LINK.matcher(html);
            while (link.find()) {
                String target = link.group(1);
                if (!NOT_A_PAGE.matcher(target).find() && !seen.contains(target)) {
                    next.add(target);
                }
            }
        }
        return seen;
    }

    private static void find(Pattern pattern, String text, String who, String path, String what, List<String> problems) {
        Matcher m = pattern.matcher(text);
        if (m.find()) {
            int from = Math.max(0, m.start() - 40);
            int to = Math.min(text.length(), m.end() + 20);
            problems.add(who + " " + path + ": " + what + " \"" + m.group() + "\" in \"…" + text.substring(from, to) + "…\"");
        }
    }

    /** What a person reads: the text without scripts, styles, tags and form values. */
    static String text(String html) {
        return html.replaceAll("(?s)<(script|style|textarea)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?s)<!--.*?-->", " ")
                .replaceAll("(?s)<[^>]+>", " ")
                .replace("&nbsp;", " ").replace("&euro;", "€").replace("&#8364;", "€")
                .replaceAll("\\s+", " ");
    }

    private HttpResponse<String> get(HttpClient http, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
