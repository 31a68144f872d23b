package org.switchboard.catalog.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.EmployeeCounts;
import org.switchboard.catalog.EmployeeType;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PlanOffer;
import org.switchboard.catalog.PriceList;
import org.switchboard.catalog.PriceQuote;
import org.switchboard.catalog.SizingResult;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.Validation;

/**
 * The public price and licence calculators. Plain GET forms whose results the server renders, so
 * they work without JavaScript; with htmx they update while the visitor types.
 */
@Controller
class CalculatorPages {

    private final Catalog catalog;

    CalculatorPages(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/pricing")
    String pricing(@RequestParam(required = false) String plan, @RequestParam(required = false) String concurrentUsers,
            Model model) {
        Map<String, String> form = new HashMap<>();
        form.put("plan", plan == null ? Plan.BASIC.code() : plan.trim());
        form.put("concurrentUsers", concurrentUsers == null ? "" : concurrentUsers.trim());
        Map<String, String> errors = new HashMap<>();
        Validation validation = new Validation();
        Plan chosen = Inputs.plan(validation, plan);
        // The first visit shows the price list; a quote once a count was asked for.
        if (concurrentUsers != null) {
            Integer count = Inputs.concurrentUsers(validation, concurrentUsers);
            quote(validation, chosen, count, errors, model);
        } else {
            collect(validation, errors);
        }
        model.addAttribute("form", form);
        addPlans(model, chosen);
        model.addAttribute("errors", errors);
        return "catalog/pricing";
    }

    @GetMapping("/sizing")
    String sizing(@RequestParam(required = false) String type1, @RequestParam(required = false) String type2,
            @RequestParam(required = false) String type3, @RequestParam(required = false) String type4,
            @RequestParam(required = false) String plan, Model model) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("type1", type1);
        raw.put("type2", type2);
        raw.put("type3", type3);
        raw.put("type4", type4);
        Map<String, String> form = new HashMap<>();
        raw.forEach((field, value) -> form.put(field, value == null ? "" : value.trim()));
        form.put("plan", plan == null ? Plan.BASIC.code() : plan.trim());
        Map<String, String> errors = new HashMap<>();
        Validation validation = new Validation();
        Plan chosen = Inputs.plan(validation, plan);
        boolean asked = raw.values().stream().anyMatch(v -> v != null);
        if (asked) {
            Map<EmployeeType, Integer> counts = new LinkedHashMap<>();
            for (EmployeeType type : EmployeeType.values()) {
                counts.put(type, Inputs.count(validation, type, raw.get(type.field())));
            }
            if (!validation.hasErrors()) {
                try {
                    SizingResult result = catalog.size(EmployeeCounts.of(counts));
                    model.addAttribute("sizing", result);
                    if (result.concurrentUsers() <= PriceList.MAX_CONCURRENT_USERS) {
                        quote(validation, chosen, result.concurrentUsers(), errors, model);
                    } else {
                        model.addAttribute("quoteNote", "There are list prices for 1 to " + PriceList.MAX_CONCURRENT_USERS
                                + " concurrent users; for more, ask for an individual offer.");
                    }
                } catch (InvalidInputException e) {
                    e.violations().forEach(v -> validation.reject(v.field(), v.message()));
                }
            }
        }
        collect(validation, errors);
        model.addAttribute("form", form);
        model.addAttribute("types", List.of(EmployeeType.values()));
        model.addAttribute("occupancy", catalog.sizingPolicy().occupancyPercents());
        addPlans(model, chosen);
        model.addAttribute("errors", errors);
        return "catalog/sizing";
    }

    private void quote(Validation validation, Plan plan, Integer count, Map<String, String> errors, Model model) {
        if (!validation.hasErrors()) {
            try {
                PriceQuote quote = catalog.quote(plan, count);
                model.addAttribute("quote", quote);
            } catch (InvalidInputException e) {
                e.violations().forEach(v -> validation.reject(v.field(), v.message()));
            } catch (RefusedException e) {
                validation.reject(e.field(), e.getMessage());
            }
        }
        collect(validation, errors);
    }

    private static void collect(Validation validation, Map<String, String> errors) {
        try {
            validation.throwIfInvalid();
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.putIfAbsent(v.field(), v.message()));
        }
    }

    /** The plans for the select, and the tier table of the chosen plan when it is for sale. */
    private void addPlans(Model model, Plan chosen) {
        List<PlanOffer> offers = catalog.offers(catalog.today());
        model.addAttribute("offers", offers);
        Plan shown = chosen == null ? Plan.BASIC : chosen;
        offers.stream().filter(o -> o.plan() == shown).findFirst().flatMap(PlanOffer::priceList)
                .ifPresent(list -> model.addAttribute("priceList", list));
    }
}
