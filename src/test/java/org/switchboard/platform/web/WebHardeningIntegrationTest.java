package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

/** Browser-facing headers, the session cookie, and the role boundaries the README states. */
class WebHardeningIntegrationTest extends IntegrationTestBase {

    @Autowired
    LicensingFixtures fixtures;

    @Test
    void pagesRunOnlyTheSitesOwnScriptsAndKeepReferrersAndDevicesToThemselves() {
        for (String path : List.of("/", "/login", "/pricing", "/no-such-page", "/api/v1/plans")) {
            Response answer = new Api(port).get(path);
            String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
            assertThat(answer.headers().firstValue("Permissions-Policy").orElse("")).as(path).contains("camera=()");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            // HSTS only over TLS: a plain-HTTP answer must not pin the browser to HTTPS.
            assertThat(answer.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
        }
        Response login = new Api(port).get("/login");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElse("");
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(new Api(port).get("/js/switchboard.js").status()).isEqualTo(200);
    }

    @Test
    void noTemplateCarriesInlineScript() throws IOException {
        // A data block (type="application/json") is never run; the charts carry their figures in one.
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")[^>]*>",
                Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(template);
                assertThat(inlineScript.matcher(html).find()).as(template + " has an inline <script>").isFalse();
                assertThat(handler.matcher(html).find()).as(template + " has an inline event handler").isFalse();
                assertThat(html).as(template.toString()).doesNotContain("javascript:");
            }
        }
    }

    @Test
    void settingsAreTheOperatorsWebinarsArePartnersAndTheCreditorIbanIsMasked() {
        Setup setup = fixtures.subscribed(3, 1, 0);
        Api customer = new Api(port).as(setup.customer().email(), PASSWORD);
        Api partner = new Api(port).as(setup.partner().email(), PASSWORD);
        Api operator = new Api(port).as(OPERATOR_EMAIL, PASSWORD);
        for (String path : List.of("/api/v1/settings/instances", "/api/v1/licensing/settings", "/api/v1/settings/billing")) {
            assertThat(customer.get(path).status()).as(path).isEqualTo(403);
            assertThat(partner.get(path).status()).as(path).isEqualTo(403);
            assertThat(operator.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(customer.get("/api/v1/webinars").status()).isEqualTo(403);
        assertThat(partner.get("/api/v1/webinars").status()).isEqualTo(200);

        Response billing = operator.get("/api/v1/settings/billing");
        String iban = billing.json().path("creditorIban").asString();
        assertThat(iban).as(billing.body()).contains("****").doesNotContainPattern("\\d{5,}");
    }
}
