package org.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;

class CatalogApiIntegrationTest extends IntegrationTestBase {

    private Api api() {
        return new Api(port);
    }

    @Test
    void quotesSixteenConcurrentUsersOfBasic() {
        Api.Response response = api().get("/api/v1/price-quote?plan=basic&concurrentUsers=16");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.body())
                .contains("\"unitPrice\":8.01", "\"monthlyNet\":128.16", "\"annualNet\":1537.92",
                        "\"discountPercent\":10", "\"listPrice\":8.90", "\"currency\":\"EUR\"")
                .doesNotContain("cheaperAlternative");
        JsonNode quote = response.json();
        assertThat(quote.path("plan").asString()).isEqualTo("basic");
        assertThat(quote.path("concurrentUsers").asInt()).isEqualTo(16);
        assertThat(quote.path("priceListVersion").asInt()).isEqualTo(1);
        assertThat(quote.path("effectiveFrom").asString()).isEqualTo("2026-01-01");
        assertThat(quote.path("priceListId").asString()).isNotBlank();
        assertThat(quote.path("tier").path("fromConcurrentUsers").asInt()).isEqualTo(11);
        assertThat(quote.path("tier").path("toConcurrentUsers").asInt()).isEqualTo(25);
    }

    @Test
    void amountsKeepTwoDecimalsAndTheCheaperCountIsNamed() {
        Api.Response ten = api().get("/api/v1/price-quote?plan=basic&concurrentUsers=10");

        assertThat(ten.number("/monthlyNet")).isEqualTo("89.00");
        assertThat(ten.number("/unitPrice")).isEqualTo("8.90");
        assertThat(ten.number("/annualNet")).isEqualTo("1068.00");
        assertThat(ten.json().path("cheaperAlternative").path("concurrentUsers").asInt()).isEqualTo(11);
        assertThat(ten.number("/cheaperAlternative/monthlyNet")).isEqualTo("88.11");

        Api.Response thousand = api().get("/api/v1/price-quote?concurrentUsers=1000");

        assertThat(thousand.number("/monthlyNet")).isEqualTo("3560.00");
        assertThat(thousand.json().path("cheaperAlternative").path("concurrentUsers").asInt()).isEqualTo(1001);
        assertThat(thousand.number("/cheaperAlternative/monthlyNet")).isEqualTo("2672.67");
    }

    @Test
    void planIsBasicWhenNotGivenAndReadRegardlessOfCase() {
        assertThat(api().get("/api/v1/price-quote?concurrentUsers=26").text("plan")).isEqualTo("basic");
        assertThat(api().get("/api/v1/price-quote?plan=BASIC&concurrentUsers=26").number("/unitPrice")).isEqualTo("7.57");
    }

    @Test
    void premiumIsNotForSaleYet() {
        Api.Response response = api().get("/api/v1/price-quote?plan=premium&concurrentUsers=16");

        assertProblem(response, 422, "plan");
        assertThat(response.text("detail")).contains("Premium is not for sale yet");
    }

    @Test
    void thereIsNoBasicPriceBeforeTheFirstVersionTookEffect() {
        Api.Response response = api().get("/api/v1/price-quote?concurrentUsers=16&on=2025-12-31");

        assertProblem(response, 422, "plan");
        assertThat(api().get("/api/v1/price-quote?concurrentUsers=16&on=2026-01-01").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "concurrentUsers={0}")
    @ValueSource(strings = { "0", "-1", "-100", "100001", "99999999999999999999", "abc", "1.5", "1e3", "", "%20" })
    void badConcurrentUserCountsAreRefused(String value) {
        Api.Response response = api().get("/api/v1/price-quote?plan=basic&concurrentUsers=" + value);

        assertProblem(response, 400, "concurrentUsers");
        assertThat(response.text("detail")).contains("Concurrent users");
    }

    @Test
    void countOutOfRangeSaysWhichRange() {
        assertThat(api().get("/api/v1/price-quote?concurrentUsers=100001").text("detail"))
                .isEqualTo("Concurrent users must be between 1 and 100000");
        assertThat(api().get("/api/v1/price-quote?concurrentUsers=100000").status()).isEqualTo(200);
        assertThat(api().get("/api/v1/price-quote?concurrentUsers=1").status()).isEqualTo(200);
    }

    @Test
    void missingCountIsRefused() {
        Api.Response response = api().get("/api/v1/price-quote?plan=basic");

        assertProblem(response, 400, "concurrentUsers");
        assertThat(response.text("detail")).contains("required");
    }

    @Test
    void unknownPlanIsRefused() {
        Api.Response response = api().get("/api/v1/price-quote?plan=gold&concurrentUsers=16");

        assertProblem(response, 400, "plan");
        assertThat(response.text("detail")).isEqualTo("Plan must be one of basic, premium, not 'gold'");
    }

    @Test
    void everyFieldAtFaultIsNamed() {
        Api.Response response = api().get("/api/v1/price-quote?plan=gold&concurrentUsers=0&on=yesterday");

        assertProblem(response, 400, "concurrentUsers");
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .containsExactly("concurrentUsers", "plan", "on");
    }

    @Test
    void listsThePriceListsInForceWithTheirTiers() {
        Api.Response response = api().get("/api/v1/price-lists");

        assertThat(response.status()).isEqualTo(200);
        JsonNode lists = response.json();
        assertThat(lists).hasSize(1);
        JsonNode basic = lists.get(0);
        assertThat(basic.path("plan").asString()).isEqualTo("basic");
        assertThat(basic.path("tiers")).hasSize(9);
        assertThat(basic.path("tiers").findValuesAsString("unitPrice")).isNotNull();
        JsonNode first = basic.path("tiers").get(0);
        assertThat(List.of(first.path("fromConcurrentUsers").asInt(), first.path("toConcurrentUsers").asInt(),
                first.path("discountPercent").asInt())).containsExactly(1, 10, 0);
        assertThat(response.number("/0/tiers/0/unitPrice")).isEqualTo("8.90");
        JsonNode third = basic.path("tiers").get(2);
        assertThat(List.of(third.path("fromConcurrentUsers").asInt(), third.path("toConcurrentUsers").asInt(),
                third.path("discountPercent").asInt())).containsExactly(26, 50, 15);
        assertThat(response.number("/0/tiers/2/unitPrice")).isEqualTo("7.57");
        JsonNode last = basic.path("tiers").get(8);
        assertThat(last.path("fromConcurrentUsers").asInt()).isEqualTo(1001);
        assertThat(last.path("toConcurrentUsers").isNull()).isTrue();
        assertThat(last.path("discountPercent").asInt()).isEqualTo(70);
        assertThat(response.number("/0/tiers/8/unitPrice")).isEqualTo("2.67");
    }

    @Test
    void listsThePlansAndWhetherTheyAreForSale() {
        JsonNode plans = api().get("/api/v1/plans").json();

        assertThat(plans.findValuesAsString("plan")).containsExactly("basic", "premium");
        assertThat(plans.get(0).path("forSale").asBoolean()).isTrue();
        assertThat(plans.get(1).path("forSale").asBoolean()).isFalse();
    }

    @Test
    void sizesTheBrochuresExample() {
        Api.Response response = api().post("/api/v1/sizing", Map.of("type1", 5, "type2", 10, "type3", 5, "type4", 10));

        assertThat(response.status()).isEqualTo(200);
        JsonNode sizing = response.json();
        assertThat(sizing.path("employees").asInt()).isEqualTo(30);
        assertThat(sizing.path("concurrentUsers").asInt()).isEqualTo(16);
        assertThat(sizing.path("breakdown")).hasSize(4);
        JsonNode managers = sizing.path("breakdown").get(0);
        assertThat(List.of(managers.path("type").asInt(), managers.path("count").asInt(),
                managers.path("occupancyPercent").asInt(), managers.path("share").asInt())).containsExactly(1, 5, 100, 5);
        assertThat(managers.path("field").asString()).isEqualTo("type1");
        assertThat(managers.path("name").asString()).isEqualTo("Managers & field sales");
        JsonNode functions = sizing.path("breakdown").get(3);
        assertThat(List.of(functions.path("type").asInt(), functions.path("count").asInt(),
                functions.path("occupancyPercent").asInt(), functions.path("share").asInt())).containsExactly(4, 10, 10, 1);
        assertThat(functions.path("name").asString()).isEqualTo("Function extensions");
        assertThat(response.number("/quote/monthlyNet")).isEqualTo("128.16");
        assertThat(response.number("/quote/annualNet")).isEqualTo("1537.92");
        assertThat(sizing.path("quote").path("concurrentUsers").asInt()).isEqualTo(16);
        assertThat(sizing.path("quote").path("plan").asString()).isEqualTo("basic");
    }

    @Test
    void sizingShowsExactSharesAndRoundsUp() {
        Api.Response response = api().post("/api/v1/sizing", Map.of("type3", 3, "type4", 1));

        JsonNode sizing = response.json();
        assertThat(sizing.path("breakdown").findValues("share")).extracting(JsonNode::decimalValue)
                .usingElementComparator(java.math.BigDecimal::compareTo)
                .contains(new java.math.BigDecimal("1.2"), new java.math.BigDecimal("0.1"));
        assertThat(sizing.path("exactConcurrentUsers").decimalValue()).isEqualByComparingTo("1.3");
        assertThat(sizing.path("concurrentUsers").asInt()).isEqualTo(2);
    }

    @Test
    void sizingForPremiumIsRefusedAsNotForSale() {
        Api.Response response = api().post("/api/v1/sizing", Map.of("type1", 5, "plan", "premium"));

        assertProblem(response, 422, "plan");
    }

    @Test
    void sizingAboveTheLargestPricedCountSaysSoInsteadOfAPrice() {
        Api.Response response = api().post("/api/v1/sizing", Map.of("type1", 200_000));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("concurrentUsers").asInt()).isEqualTo(200_000);
        assertThat(response.json().has("quote")).isFalse();
        assertThat(response.text("quoteNote")).contains("individual offer");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"type1\":-1,\"type2\":10}                         | type1",
            "{\"type1\":5,\"type2\":1.5}                         | type2",
            "{\"type1\":5,\"type3\":\"abc\"}                     | type3",
            "{\"type1\":5,\"type4\":true}                        | type4",
            "{\"type1\":1000001}                                 | type1",
            "{\"type2\":99999999999999}                          | type2",
            "{\"type1\":0,\"type2\":0,\"type3\":0,\"type4\":0}   | employees",
            "{}                                                  | employees",
            "{\"type1\":5,\"plan\":\"gold\"}                     | plan",
            "{\"type1\":5,\"typ5\":3}                            | typ5",
            "{\"type1\":5,\"plan\":3}                            | plan",
            "{\"type1\":5,\"type2\":[1]}                         | type2",
            "{\"type1\":5,\"type2\":\"-3\"}                    | type2",
            "{\"type1\":\"5\"}                                 | type1" })
    void badSizingInputIsRefused(String body, String field) {
        Api.Response response = api().post("/api/v1/sizing", body);

        assertProblem(response, 400, field);
        assertThat(response.text("detail")).isNotBlank();
    }

    @Test
    void sizingMessagesNameTheTypeAndTheRange() {
        assertThat(api().post("/api/v1/sizing", "{\"type1\":-1}").text("detail"))
                .isEqualTo("Managers & field sales (type 1) must be a whole number between 0 and 1000000, not -1");
        assertThat(api().post("/api/v1/sizing", "{\"type2\":1.5}").text("detail"))
                .isEqualTo("Office personnel (type 2) must be a whole number between 0 and 1000000, not 1.5");
        assertThat(api().post("/api/v1/sizing", "{\"type3\":\"abc\"}").text("detail"))
                .isEqualTo("Part-time office employees (type 3) must be a whole number between 0 and 1000000, not 'abc' (text)");
        assertThat(api().post("/api/v1/sizing", "{}").text("detail"))
                .isEqualTo("Count at least one employee or function extension: all four counts are 0.");
        assertThat(api().post("/api/v1/sizing", Map.of("type1", 1_000_000, "type2", 1_000_000)).status()).isEqualTo(200);
    }

    @Test
    void sizingWithoutABodyIsRefused() {
        assertThat(api().post("/api/v1/sizing", "").status()).isEqualTo(400);
        assertThat(api().post("/api/v1/sizing", "null").status()).isEqualTo(400);
        assertThat(api().post("/api/v1/sizing", "[1,2]").status()).isEqualTo(400);
    }

    @Test
    void theApiDocumentationDescribesTheCatalog() {
        Api.Response docs = api().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.has("/api/v1/price-quote")).isTrue();
        assertThat(paths.has("/api/v1/sizing")).isTrue();
        assertThat(paths.has("/api/v1/price-lists")).isTrue();
        JsonNode type1 = docs.json().path("components").path("schemas").path("CatalogApiSizingRequest").path("properties").path("type1");
        assertThat(type1.path("type").asString()).as(type1.toString()).isEqualTo("integer");
    }

    private static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.text("field")).as(response.toString()).isEqualTo(field);
        assertThat(response.text("detail")).isNotBlank();
    }
}
