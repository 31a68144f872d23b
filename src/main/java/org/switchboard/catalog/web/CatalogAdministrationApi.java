package org.switchboard.catalog.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.EmployeeType;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.SizingPolicy;
import org.switchboard.catalog.Tier;
import org.switchboard.catalog.web.CatalogJson.PriceListJson;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The operator's changes to the catalog: new price list versions and the occupancy of the
 * employee types. Only operators reach these (the security rules say so).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Catalog administration", description = "Operators: price list versions and sizing occupancy")
class CatalogAdministrationApi {

    record TierRequest(Integer from, Integer to, BigDecimal discountPercent) {
    }

    record PriceListRequest(String plan, String effectiveFrom, BigDecimal listPrice, List<TierRequest> tiers) {
    }

    record OccupancyRequest(BigDecimal percent) {
    }

    private final Catalog catalog;

    CatalogAdministrationApi(Catalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping("/price-lists")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish a new version of a plan's price list, in force from a later day")
    PriceListJson publish(@RequestBody PriceListRequest request) {
        Validation validation = new Validation();
        Plan plan = Inputs.plan(validation, request.plan());
        java.time.LocalDate from = Inputs.day(validation, request.effectiveFrom(), null);
        if (request.effectiveFrom() == null || request.effectiveFrom().isBlank()) {
            validation.reject("effectiveFrom", "effectiveFrom is required, as yyyy-mm-dd");
        }
        if (request.listPrice() == null) {
            validation.reject("listPrice", "listPrice is required");
        }
        if (request.tiers() == null || request.tiers().isEmpty()) {
            validation.reject("tiers", "tiers are required: [{from, to, discountPercent}], the last one without 'to'");
        }
        validation.throwIfInvalid();
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < request.tiers().size(); i++) {
            TierRequest t = request.tiers().get(i);
            if (t == null || t.from() == null || t.discountPercent() == null) {
                throw new InvalidInputException("tiers[" + i + "]", "Tier " + (i + 1) + " needs 'from' and 'discountPercent'");
            }
            try {
                tiers.add(new Tier(t.from(), t.to(), t.discountPercent()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("tiers[" + i + "]", e.getMessage());
            }
        }
        return PriceListJson.of(catalog.publishPriceList(plan, from, Money.euros(request.listPrice()), tiers));
    }

    @GetMapping("/sizing/occupancy")
    @Operation(summary = "The share of time each employee type is assumed to hold a licence, in percent")
    Map<String, BigDecimal> occupancy() {
        return percents(catalog.sizingPolicy());
    }

    @PutMapping("/sizing/occupancy/{type}")
    @Operation(summary = "Change the occupancy of employee type 1 to 4")
    Map<String, BigDecimal> changeOccupancy(@PathVariable String type, @RequestBody OccupancyRequest request) {
        EmployeeType employeeType;
        try {
            employeeType = EmployeeType.number(Integer.parseInt(type));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("type", "Employee type must be 1, 2, 3 or 4, not '" + type + "'");
        }
        return percents(catalog.changeOccupancy(employeeType, request.percent()));
    }

    private static Map<String, BigDecimal> percents(SizingPolicy policy) {
        Map<String, BigDecimal> percents = new LinkedHashMap<>();
        for (EmployeeType type : EmployeeType.values()) {
            percents.put("type" + type.number(), policy.occupancyPercent(type));
        }
        return percents;
    }
}
