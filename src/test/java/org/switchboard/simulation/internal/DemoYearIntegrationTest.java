package org.switchboard.simulation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Partner;
import org.switchboard.simulation.SimulationReport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A first start with the demo data and its year on, as a newcomer starts the platform: the demo
 * accounts log in and find a year of content: the busy demo customer's invoices with calls and
 * PDFs, the demo partner above Registered with statements; the year reconciles to the cent and
 * the clock follows the system's time again afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.embedded-db.ephemeral=true",
        "switchboard.demo.enabled=true",
        "switchboard.demo.year.enabled=true",
        "switchboard.demo.password=" + DemoYearIntegrationTest.PASSWORD,
        "switchboard.admin.email=operator@switchboard.test",
        "switchboard.admin.password=" + DemoYearIntegrationTest.PASSWORD,
        "switchboard.sip.enabled=false" })
@DirtiesContext
class DemoYearIntegrationTest {

    static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;
    @Autowired
    DemoYear demoYear;
    @Autowired
    SimulationClock clock;
    @Autowired
    AccountManagement accounts;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theFirstStartPlaysAYearThatTheDemoAccountsSee() throws Exception {
        long started = System.nanoTime();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        while (!demoYear.over() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        SimulationReport report = demoYear.report();
        assertThat(report).as("the demo year was played").isNotNull();
        System.out.println("Demo year: " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                + " s after the context started\n" + report.text());
        assertThat(report.mismatches()).as(report.text()).isEmpty();
        assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));

        // The busy demo customer: a year of invoices, itemised calls and PDFs.
        JsonNode invoices = get("office@demo.test", "/api/v1/invoices");
        int withCalls = 0;
        int count = 0;
        for (JsonNode i : invoices) {
            if (!"INVOICE".equals(i.path("kind").asText()) || i.path("number").isNull()) {
                continue;
            }
            count++;
            String id = i.path("id").asText();
            if (withCalls == 0 && get("office@demo.test", "/api/v1/invoices/" + id + "/calls").size() > 0) {
                withCalls++;
                HttpResponse<byte[]> pdf = http.send(request("office@demo.test", "/api/v1/invoices/" + id + "/pdf",
                        "application/pdf"), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(pdf.statusCode()).isEqualTo(200);
                assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            }
        }
        assertThat(count).as(invoices.toString()).isGreaterThanOrEqualTo(report.settings().months() - 1);
        assertThat(withCalls).as("an invoice with itemised calls").isEqualTo(1);

        // The demo partner: above Registered, with commission statements.
        Partner demo = accounts.partners(World.operator()).stream().filter(p -> p.name().equals("Demo Partner"))
                .findFirst().orElseThrow();
        JsonNode programme = get("partner@demo.test", "/api/v1/partners/" + demo.id().value() + "/programme");
        assertThat(demo.level().name()).isNotEqualTo("REGISTERED");
        assertThat(programme.toString()).contains("\"level\":\"" + demo.level().name() + "\"");
        assertThat(get("partner@demo.test", "/api/v1/partners/" + demo.id().value() + "/statements").size())
                .isGreaterThan(0);
        assertThat(report.counts().get("credit notes")).isPositive();
        assertThat(report.counts().get("payout batches")).isPositive();
    }

    private JsonNode get(String user, String path) throws Exception {
        HttpResponse<String> response = http.send(request(user, path, "application/json"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpRequest request(String user, String path, String accept) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", accept).GET().build();
    }
}
