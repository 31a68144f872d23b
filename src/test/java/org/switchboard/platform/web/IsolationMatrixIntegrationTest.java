package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.IntegrationTestBase;
import org.switchboard.testing.MutableClock;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two partners, two customers each, every customer with a subscribed instance, employees, a
 * connector key, call records and an invoice; each partner a commission statement; a lead and
 * support requests. Every API path of the
 * OpenAPI document that takes an id is tried with another tenant's ids by every account that must
 * not reach them (the other customer of the same partner, the other partner, the other partner's
 * customers), and the main pages with an id likewise. Nothing may answer 2xx, and the owners'
 * records must read the same afterwards.
 */
class IsolationMatrixIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = IntegrationTestBase.PASSWORD;
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    record Tenant(String name, Setup setup, Map<String, String> ids) {
    }

    int port;
    int tried;
    int refused;
    int otherwiseRefused;
    List<String> leaks = new ArrayList<>();

    @Test
    void noTenantReachesAnotherTenantsRecordsByAnyPathOrRole() throws Exception {
        MutableClock clock = new MutableClock(Instant.now(), java.time.ZoneId.of("Europe/Berlin"));
        try (ConfigurableApplicationContext app = SweepApplication.start(clock)) {
            port = SweepApplication.port(app);
            AccountFixtures accounts = app.getBean(AccountFixtures.class);
            LicensingFixtures fixtures = app.getBean(LicensingFixtures.class);
            PartnerAccount partnerA = accounts.verifiedPartner("Matrix Partner A");
            PartnerAccount partnerB = accounts.verifiedPartner("Matrix Partner B");
            List<Tenant> tenants = List.of(
                    tenant("A1", fixtures.subscribed(partnerA, "Alpha One GmbH", 5, 3, 1)),
                    tenant("A2", fixtures.subscribed(partnerA, "Alpha Two GmbH", 5, 3, 1)),
                    tenant("B1", fixtures.subscribed(partnerB, "Beta One GmbH", 5, 3, 1)),
                    tenant("B2", fixtures.subscribed(partnerB, "Beta Two GmbH", 5, 3, 1)));
            String operator = IntegrationTestBase.OPERATOR_EMAIL;
            YearMonth month = YearMonth.now(clock);
            for (Tenant t : tenants) {
                String callStart = clock.instant().minus(Duration.ofHours(2)).toString();
                String callEnd = clock.instant().minus(Duration.ofHours(2)).plusSeconds(95).toString();
                assertThat(send("POST", t.setup().path() + "/cdrs", t.setup().customer().email(), "[{\"callId\":\"m-"
                        + t.name() + "\",\"subject\":\"100\",\"from\":\"+4930123456\",\"to\":\"+4930987654\",\"start\":\""
                        + callStart + "\",\"answer\":\"" + callStart + "\",\"end\":\"" + callEnd
                        + "\",\"direction\":\"OUTBOUND\",\"trunk\":\"platform\"}]").statusCode()).isLessThan(300);
            }
            send("POST", "/api/v1/support-requests", partnerA.email(), "{\"subject\":\"Help\",\"body\":\"Please\"}");
            send("POST", "/api/v1/leads", operator, JSON.writeValueAsString(Map.of("company", "Lead KG",
                    "contactName", "Clara", "contactEmail", AccountFixtures.uniqueEmail("lead"), "contactPhone",
                    "+49 421 1234", "country", "DE", "postcode", "28195", "employees", 20)));
            // The month closes; its invoice run gives every customer an invoice.
            clock.advance(Duration.between(clock.instant(), month.plusMonths(1).atDay(2).atStartOfDay(clock.getZone())
                    .toInstant()));
            send("POST", "/api/v1/invoice-runs", operator, "{\"month\":\"" + month + "\"}");
            for (int i = 0; i < 300 && !send("GET", "/api/v1/invoice-runs/" + month, operator, null).body()
                    .contains("\"finishedAt\":\"2"); i++) {
                Thread.sleep(200);
            }
            // The partner programme records the commission of each batch of invoices when it hears of it
            // (after the batch's commit, on its own thread): wait for that before its monthly run.
            org.springframework.jdbc.core.simple.JdbcClient jdbc = app.getBean(
                    org.springframework.jdbc.core.simple.JdbcClient.class);
            for (int i = 0; i < 150 && jdbc.sql("select count(*) from event_publication where completion_date is null"
                    + " and event_type like '%InvoicesFinalised%'").query(Integer.class).single() > 0; i++) {
                Thread.sleep(200);
            }
            // The invoices were finalised in the next month; the partner programme's run of the month after
            // it issues each partner's commission statement of them.
            clock.advance(Duration.between(clock.instant(), month.plusMonths(2).atDay(1).atTime(6, 0)
                    .atZone(clock.getZone()).toInstant()));
            app.getBean(org.switchboard.partners.ProgrammeJobs.class).runMonthly(month.plusMonths(2),
                    java.time.LocalDate.now(clock));
            for (Tenant t : tenants) {
                collectIds(t);
            }
            for (Tenant t : List.of(tenants.get(0), tenants.get(2))) {
                t.ids().put("statement", JSON.readTree(send("GET", "/api/v1/partners/" + t.ids().get("partner")
                        + "/statements", operator, null).body()).path(0).path("id").asString(""));
                assertThat(t.ids().get("statement")).as("the run issued the statement of " + t.name()).isNotEmpty();
            }
            String leadId = JSON.readTree(send("GET", "/api/v1/leads", operator, null).body()).path(0).path("id")
                    .asString("");
            String requestId = JSON.readTree(send("GET", "/api/v1/support-requests", partnerA.email(), null).body())
                    .path(0).path("id").asString("");
            tenants.get(0).ids().put("lead", leadId);
            tenants.get(0).ids().put("supportRequest", requestId);
            assertThat(tenants.get(0).ids().get("invoice")).as("the invoice run made the invoices").isNotEmpty();

            JsonNode document = JSON.readTree(send("GET", "/v3/api-docs", null, null).body());
            Map<String, String> before = new LinkedHashMap<>();
            for (Tenant t : tenants) {
                before.put(t.name(), snapshot(t, operator));
            }
            for (Tenant owner : tenants) {
                for (String caller : outsiders(owner, tenants, partnerA, partnerB)) {
                    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                        if (!path.getKey().contains("{")) {
                            continue;
                        }
                        for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                            String concrete = concrete(path.getKey(), owner);
                            if (concrete != null) {
                                tryAs(op.getKey().toUpperCase(), concrete, caller, example(op.getValue()));
                            }
                        }
                    }
                    pages(owner, caller);
                }
            }
            for (Tenant t : tenants) {
                assertThat(snapshot(t, operator)).as("state of " + t.name() + " unchanged").isEqualTo(before.get(t.name()));
            }
            System.out.printf("isolation matrix: %d requests tried, %d refused with 403/404, %d refused otherwise"
                    + " (400/401/405/409/415/422), %d leaked%n", tried, refused, otherwiseRefused, leaks.size());
            assertThat(leaks).as(leaks.size() + " of " + tried).isEmpty();
            assertThat(tried).isGreaterThan(500);
        }
    }

    private Tenant tenant(String name, Setup setup) {
        return new Tenant(name, setup, new LinkedHashMap<>());
    }

    private void collectIds(Tenant t) {
        String admin = t.setup().customer().email();
        Map<String, String> ids = t.ids();
        ids.put("instance", t.setup().instance().value().toString());
        ids.put("customer", t.setup().customer().id().value().toString());
        ids.put("partner", t.setup().partner().id().value().toString());
        ids.put("subject", JSON.readTree(send("GET", t.setup().path() + "/subjects", admin, null).body()).path(0).path("id")
                .asString(""));
        ids.put("key", JSON.readTree(send("GET", t.setup().path() + "/connector-keys", admin, null).body()).path(0)
                .path("id").asString(""));
        ids.put("invoice", JSON.readTree(send("GET", "/api/v1/invoices", admin, null).body()).path(0).path("id")
                .asString(""));
    }

    /** Every account that must not reach the owner's records. */
    private static List<String> outsiders(Tenant owner, List<Tenant> tenants, PartnerAccount a, PartnerAccount b) {
        List<String> callers = new ArrayList<>();
        for (Tenant other : tenants) {
            if (other != owner) {
                callers.add(other.setup().customer().email());
            }
        }
        callers.add(owner.name().startsWith("A") ? b.email() : a.email());
        return callers;
    }

    /** The path with the owner's ids, or null where the path takes an id the owner has none of. */
    private static String concrete(String template, Tenant owner) {
        Map<String, String> ids = owner.ids();
        Matcher m = Pattern.compile("/([a-z-]+)/\\{([A-Za-z]+)\\}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = switch (m.group(1)) {
                case "instances" -> ids.get("instance");
                case "customers" -> ids.get("customer");
                case "partners" -> ids.get("partner");
                case "subjects" -> ids.get("subject");
                case "connector-keys" -> ids.get("key");
                case "invoices" -> ids.get("invoice");
                case "leads" -> ids.get("lead");
                case "support-requests" -> ids.get("supportRequest");
                case "statements" -> ids.get("statement");
                case "holders" -> "100";
                default -> null;
            };
            if (id == null || id.isEmpty()) {
                return null;
            }
            m.appendReplacement(out, "/" + m.group(1) + "/" + id);
        }
        m.appendTail(out);
        return out.toString().contains("{") ? null : out.toString();
    }

    private static String example(JsonNode operation) {
        return operation.has("requestBody") ? "{}" : null;
    }

    private void tryAs(String method, String path, String caller, String body) {
        HttpResponse<String> answer = send(method, path, caller, body);
        count(method + " " + path, caller, answer.statusCode());
    }

    private void count(String what, String caller, int status) {
        tried++;
        if (status == 403 || status == 404) {
            refused++;
        } else if (status >= 400 && status < 500) {
            otherwiseRefused++;
        } else {
            leaks.add(status + " " + what + " as " + caller);
        }
    }

    /** What the owner's records look like, read by the operator and the owner's admin. */
    private String snapshot(Tenant t, String operator) {
        StringBuilder state = new StringBuilder();
        String admin = t.setup().customer().email();
        for (String path : List.of(t.setup().path(), t.setup().path() + "/subjects", t.setup().path() + "/connector-keys",
                t.setup().path() + "/history", "/api/v1/invoices", "/api/v1/customers/" + t.ids().get("customer"))) {
            state.append(path).append(' ').append(send("GET", path, admin, null).body()).append('\n');
        }
        state.append(send("GET", "/api/v1/partners/" + t.ids().get("partner"), operator, null).body());
        state.append(send("GET", "/api/v1/partners/" + t.ids().get("partner") + "/statements", operator, null).body());
        state.append(send("GET", "/api/v1/leads", operator, null).body());
        state.append(send("GET", "/api/v1/support-requests", operator, null).body());
        return state.toString();
    }

    /** The pages with an id, read by a logged-in outsider; a force-release sent with the page's CSRF token. */
    private void pages(Tenant owner, String caller) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String token = csrf(get(browser, "/login").body());
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "email=" + URLEncoder.encode(caller, StandardCharsets.UTF_8) + "&password="
                                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String id = owner.ids().get("instance");
        List<String> paths = new ArrayList<>(List.of("/instances/" + id, "/licensing/instances/" + id,
                "/licensing/instances/" + id + "/subjects", "/licensing/instances/" + id + "/history.csv",
                "/invoices/" + owner.ids().get("invoice")));
        if (owner.ids().containsKey("statement")) {
            paths.add("/partner/statements/" + owner.ids().get("statement"));
            paths.add("/partner/statements/" + owner.ids().get("statement") + ".pdf");
        }
        for (String page : paths) {
            count("GET " + page, caller, get(browser, page).statusCode());
        }
        String pageToken = csrf(get(browser, "/dashboard").body());
        HttpResponse<String> release = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/licensing/instances/" + id + "/holders/100/release")).header("Content-Type",
                        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("_csrf=" + pageToken))
                .build(), HttpResponse.BodyHandlers.ofString());
        count("POST release page of " + owner.name(), caller, release.statusCode());
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        return m.find() ? m.group(1) : "";
    }

    private HttpResponse<String> send(String method, String path, String user, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(60));
            if (user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            }
            if (body != null) {
                request.header("Content-Type", path.endsWith("/import") ? "text/csv" : "application/json");
            }
            return HttpClient.newHttpClient().send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
