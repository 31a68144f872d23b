package org.switchboard.catalog.web;

import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.EmployeeCounts;
import org.switchboard.catalog.EmployeeType;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PlanOffer;
import org.switchboard.catalog.PriceList;
import org.switchboard.catalog.PriceQuote;
import org.switchboard.catalog.SizingResult;
import org.switchboard.catalog.web.CatalogJson.PlanJson;
import org.switchboard.catalog.web.CatalogJson.PriceListJson;
import org.switchboard.catalog.web.CatalogJson.QuoteJson;
import org.switchboard.catalog.web.CatalogJson.ShareJson;
import org.switchboard.catalog.web.CatalogJson.SizingJson;
import org.switchboard.platform.Validation;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** Public price quotes, price lists and sizing: no login needed. */
@RestController
@RequestMapping("/api/v1")
class CatalogApi {

    /**
     * The sizing request; a missing count is 0. The counts are read as they came, so that a wrong
     * value is answered with the same sentence as on the page. Unknown fields are refused.
     */
    record SizingRequest(
            @Schema(implementation = Integer.class, minimum = "0", maximum = "1000000", description = "Managers & field sales") JsonNode type1,
            @Schema(implementation = Integer.class, minimum = "0", maximum = "1000000", description = "Office personnel") JsonNode type2,
            @Schema(implementation = Integer.class, minimum = "0", maximum = "1000000", description = "Part-time office employees") JsonNode type3,
            @Schema(implementation = Integer.class, minimum = "0", maximum = "1000000", description = "Function extensions") JsonNode type4,
            @Schema(description = "basic (default) or premium") String plan) {
    }

    private final Catalog catalog;

    CatalogApi(Catalog catalog) {
        this.catalog = catalog;
    }

    /** What a count of concurrent users of a plan costs, by the price list in force today or on {@code on}. */
    @GetMapping("/price-quote")
    QuoteJson quote(@RequestParam(required = false) String plan, @RequestParam(required = false) String concurrentUsers,
            @RequestParam(required = false) String on) {
        Validation validation = new Validation();
        Integer count = Inputs.concurrentUsers(validation, concurrentUsers);
        Plan chosen = Inputs.plan(validation, plan);
        LocalDate day = Inputs.day(validation, on, catalog.today());
        validation.throwIfInvalid();
        return QuoteJson.of(catalog.quote(chosen, count, day));
    }

    /** The price lists in force today or on {@code on}, with their tiers. */
    @GetMapping("/price-lists")
    List<PriceListJson> priceLists(@RequestParam(required = false) String on) {
        Validation validation = new Validation();
        LocalDate day = Inputs.day(validation, on, catalog.today());
        validation.throwIfInvalid();
        return catalog.offers(day).stream().flatMap(o -> o.priceList().stream()).map(PriceListJson::of).toList();
    }

    /** Every plan of the catalog and whether it is for sale today. */
    @GetMapping("/plans")
    List<PlanJson> plans() {
        List<PlanOffer> offers = catalog.offers(catalog.today());
        return offers.stream().map(PlanJson::of).toList();
    }

    /** How many concurrent users the counted employees need, and what that costs. */
    @PostMapping("/sizing")
    SizingJson size(@RequestBody SizingRequest request) {
        Validation validation = new Validation();
        Integer t1 = Inputs.count(validation, EmployeeType.MANAGERS_AND_FIELD_SALES, request.type1());
        Integer t2 = Inputs.count(validation, EmployeeType.OFFICE_PERSONNEL, request.type2());
        Integer t3 = Inputs.count(validation, EmployeeType.PART_TIME_OFFICE_EMPLOYEES, request.type3());
        Integer t4 = Inputs.count(validation, EmployeeType.FUNCTION_EXTENSIONS, request.type4());
        Plan plan = Inputs.plan(validation, request.plan());
        validation.throwIfInvalid();

        SizingResult result = catalog.size(new EmployeeCounts(t1, t2, t3, t4));
        QuoteJson quote = null;
        String note = null;
        if (result.concurrentUsers() <= PriceList.MAX_CONCURRENT_USERS) {
            PriceQuote priceQuote = catalog.quote(plan, result.concurrentUsers());
            quote = QuoteJson.of(priceQuote);
        } else {
            note = "There are list prices for 1 to " + PriceList.MAX_CONCURRENT_USERS
                    + " concurrent users; for more, ask for an individual offer.";
        }
        return new SizingJson(result.employees(), result.breakdown().stream().map(ShareJson::of).toList(),
                CatalogJson.exact(result.exactConcurrentUsers()), result.concurrentUsers(), plan.code(), quote, note);
    }
}
