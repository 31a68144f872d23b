package org.switchboard.catalog.web;

import java.math.BigDecimal;
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
import org.switchboard.catalog.SizingPolicy;
import org.switchboard.catalog.web.Inputs.TierRequest;
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
        Inputs.Publication p = Inputs.publication(validation, request.plan(), request.effectiveFrom(), request.listPrice(),
                request.tiers(), i -> "tiers[" + i + "]");
        validation.throwIfInvalid();
        return PriceListJson.of(catalog.publishPriceList(p.plan(), p.effectiveFrom(), p.listPrice(), p.tiers()));
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
