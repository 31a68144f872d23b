package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

class ProgrammeApiIntegrationTest extends IntegrationTestBase {

    @Autowired
    ProgrammeFixtures given;

    @Test
    void badInputIsAnsweredWithProblemsNamingTheFieldAndNothingIsSaved() {
        PartnerAccount partner = given.partnerAt(PartnerLevel.CERTIFIED, LocalDate.of(2032, 2, 1), "Api Partner",
                List.of("DE-SN"), "Telefonanlagen für Sachsen");
        Api api = new Api(port).as(partner.email(), PASSWORD);
        Api operator = new Api(port).as(OPERATOR_EMAIL, PASSWORD);
        String base = "/api/v1/partners/" + partner.id().value();

        Api.Response markup = api.put(base + "/profile",
                Map.of("listed", true, "text", "<b>Best</b> phones", "regions", List.of("DE-SN")));
        assertThat(markup.status()).isEqualTo(400);
        assertThat(markup.contentType()).startsWith("application/problem+json");
        assertThat(markup.text("field")).isEqualTo("text");
        Api.Response tooLong = api.put(base + "/profile", Map.of("listed", true, "text", "x".repeat(401), "regions", List.of()));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").get(0).path("message").asString()).isEqualTo(
                "Directory text must be at most 400 characters");
        assertThat(api.get(base + "/programme").body()).doesNotContain("<b>");

        Api.Response iban = api.put(base + "/payout-account", Map.of("iban", "DE00 1234", "accountHolder", "Api Partner"));
        assertThat(iban.status()).isEqualTo(400);
        assertThat(iban.text("field")).isEqualTo("iban");

        Api.Response lead = operator.post("/api/v1/leads", Map.of("company", "Ohne Region", "contactName", "C",
                "contactEmail", "c@example.com", "country", "DE", "postcode", "ABCDE", "employees", 5));
        assertThat(lead.status()).isEqualTo(400);
        assertThat(lead.errorFields()).contains("postcode", "region");

        Api.Response standing = api.get(base + "/programme");
        assertThat(standing.status()).isEqualTo(200);
        assertThat(standing.json().path("level").asString()).isEqualTo("CERTIFIED");
        assertThat(standing.number("/figures/turnover")).isEqualTo("2000.00");
        assertThat(standing.number("/commissionRate")).isEqualTo("0.15");
        assertThat(standing.json().path("nfrConcurrentUsers").asInt()).isEqualTo(10);

        PartnerAccount other = given.partnerRegisteredOn(LocalDate.of(2032, 2, 1), "Api Other");
        assertThat(new Api(port).as(other.email(), PASSWORD).get(base + "/programme").status()).isEqualTo(404);
        assertThat(new Api(port).as(other.email(), PASSWORD).get(base + "/statements").status()).isEqualTo(404);
    }
}
