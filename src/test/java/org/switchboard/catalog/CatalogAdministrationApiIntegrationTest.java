package org.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

class CatalogAdministrationApiIntegrationTest extends IntegrationTestBase {

    @Autowired
    AccountFixtures accounts;

    @Autowired
    Catalog catalog;

    @Test
    void operatorsChangeTheOccupancyOthersMayNot() {
        Api operator = new Api(port).as(OPERATOR_EMAIL, PASSWORD);
        Response before = new Api(port).get("/api/v1/sizing/occupancy");
        assertThat(before.json().path("type2").asInt()).isEqualTo(80);

        String partner = accounts.verifiedPartner("Occupancy Partner").email();
        assertThat(new Api(port).as(partner, PASSWORD).put("/api/v1/sizing/occupancy/2", Map.of("percent", 70)).status())
                .isEqualTo(403);
        assertThat(new Api(port).put("/api/v1/sizing/occupancy/2", Map.of("percent", 70)).status()).isEqualTo(401);

        Response bad = operator.put("/api/v1/sizing/occupancy/2", Map.of("percent", 101));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("field")).isEqualTo("occupancy2");
        assertThat(operator.put("/api/v1/sizing/occupancy/9", Map.of("percent", 50)).text("field")).isEqualTo("type");

        try {
            Response changed = operator.put("/api/v1/sizing/occupancy/2", Map.of("percent", 70));
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(changed.json().path("type2").asInt()).isEqualTo(70);
            // 5 x 100% + 10 x 70% + 5 x 40% + 10 x 10% = 5 + 7 + 2 + 1 = 15
            Response sized = new Api(port).post("/api/v1/sizing", Map.of("type1", 5, "type2", 10, "type3", 5, "type4", 10));
            assertThat(sized.json().path("concurrentUsers").asInt()).isEqualTo(15);
        } finally {
            operator.put("/api/v1/sizing/occupancy/2", Map.of("percent", 80));
        }
    }

    @Test
    void aNewPriceListVersionIsCheckedAndOnlyForOperators() {
        Api operator = new Api(port).as(OPERATOR_EMAIL, PASSWORD);
        // Tests share one database and move its clock years ahead: a version published here takes
        // effect far beyond any of their dates, and after any version another test published.
        List<PriceList> versions = catalog.priceListVersions(Plan.BASIC);
        java.time.LocalDate latest = versions.get(versions.size() - 1).effectiveFrom().plusYears(1);
        java.time.LocalDate from = latest.isAfter(java.time.LocalDate.of(2200, 1, 1)) ? latest : java.time.LocalDate.of(2200, 1, 1);
        Map<String, Object> body = Map.of("plan", "basic", "effectiveFrom", from.toString(), "listPrice", 12.90,
                "tiers", List.of(Map.of("from", 1, "to", 10, "discountPercent", 0), Map.of("from", 11, "discountPercent", 10)));
        assertThat(new Api(port).post("/api/v1/price-lists", body).status()).isEqualTo(401);

        Response past = operator.post("/api/v1/price-lists", Map.of("plan", "basic", "effectiveFrom", "2020-01-01",
                "listPrice", 12.90, "tiers", List.of(Map.of("from", 1, "discountPercent", 0))));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.text("field")).isEqualTo("effectiveFrom");

        Response badTier = operator.post("/api/v1/price-lists", Map.of("plan", "basic", "effectiveFrom", from.toString(),
                "listPrice", 12.90, "tiers", List.of(Map.of("from", 1, "discountPercent", 120))));
        assertThat(badTier.status()).isEqualTo(400);
        assertThat(badTier.text("field")).isEqualTo("tiers[0]");

        Response tooDear = operator.post("/api/v1/price-lists", Map.of("plan", "basic", "effectiveFrom", from.toString(),
                "listPrice", 1000.01, "tiers", List.of(Map.of("from", 1, "discountPercent", 0))));
        assertThat(tooDear.status()).isEqualTo(400);
        assertThat(tooDear.text("field")).isEqualTo("listPrice");
        assertThat(tooDear.body()).contains("must be at most 1000.00");

        Response created = operator.post("/api/v1/price-lists", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("effectiveFrom")).isEqualTo(from.toString());
        assertThat(new Api(port).get("/api/v1/price-quote?plan=basic&concurrentUsers=11&on=" + from).body())
                .contains("\"unitPrice\":11.61");
    }
}
