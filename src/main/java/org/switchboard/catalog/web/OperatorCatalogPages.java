package org.switchboard.catalog.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.EmployeeType;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceList;
import org.switchboard.catalog.SizingPolicy;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.InvalidInputException.Violation;
import org.switchboard.platform.Validation;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;

/**
 * The operator's catalog page, for what was API-only: every plan's price list versions (which one
 * is in force, which are to come), publishing a new version, and the sizing occupancy of the
 * employee types. The price list is checked by the same {@link Inputs#publication} as the API.
 */
@WebPage
class OperatorCatalogPages {

    static final String PATH = "/operator/catalog";

    /** A new price list as typed: the tiers one a line, e.g. {@code 11-25 5}. */
    record PriceListForm(String plan, String effectiveFrom, String listPrice, String tiers) {
    }

    /** The four occupancies as typed, in percent. */
    record OccupancyForm(String occupancy1, String occupancy2, String occupancy3, String occupancy4) {

        static OccupancyForm of(SizingPolicy policy) {
            return new OccupancyForm(percent(policy, 1), percent(policy, 2), percent(policy, 3), percent(policy, 4));
        }

        private static String percent(SizingPolicy policy, int type) {
            return policy.occupancyPercent(EmployeeType.number(type)).stripTrailingZeros().toPlainString();
        }

        public String value(EmployeeType type) {
            return switch (type.number()) {
                case 1 -> occupancy1;
                case 2 -> occupancy2;
                case 3 -> occupancy3;
                default -> occupancy4;
            };
        }
    }

    /** One version as listed: in force today, to come, or replaced by a later one. */
    record Version(PriceList list, String status, String tiers) {
    }

    /** A plan with its versions, newest first. */
    record PlanVersions(Plan plan, List<Version> versions) {
    }

    /** An employee type with its field on the form. */
    record TypeField(EmployeeType type, String field) {
    }

    private final Catalog catalog;

    OperatorCatalogPages(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(PATH)
    String page(CurrentUser user, @RequestParam(required = false) String plan, Model model) {
        user.requireOperator("manage the catalog");
        LocalDate today = catalog.today();
        List<PlanVersions> plans = new ArrayList<>();
        for (Plan p : Plan.values()) {
            Optional<PriceList> inForce = catalog.priceListInForce(p, today);
            List<Version> versions = new ArrayList<>();
            List<PriceList> newestFirst = new ArrayList<>(catalog.priceListVersions(p));
            java.util.Collections.reverse(newestFirst);
            for (PriceList list : newestFirst) {
                String status = inForce.isPresent() && inForce.get().id().equals(list.id()) ? "In force"
                        : list.effectiveFrom().isAfter(today) ? "To come" : "Replaced";
                versions.add(new Version(list, status,
                        list.tiers().stream().map(Inputs::tierLine).collect(Collectors.joining(", "))));
            }
            plans.add(new PlanVersions(p, versions));
        }
        model.addAttribute("today", today);
        model.addAttribute("plans", plans);
        model.addAttribute("planChoices", Plan.values());
        model.addAttribute("types", java.util.Arrays.stream(EmployeeType.values())
                .map(t -> new TypeField(t, "occupancy" + t.number())).toList());
        model.addAttribute("tierHint", "One tier a line: from-to and the discount in percent, e.g. 1-10 0 or 11-25 5;"
                + " the first starts at 1, each next one where the last ended, and the last has no upper end, e.g. 1001- 25.");
        model.addAttribute("minListPrice", PriceList.MIN_LIST_PRICE);
        model.addAttribute("maxListPrice", PriceList.MAX_LIST_PRICE);
        if (!model.containsAttribute("priceListForm")) {
            model.addAttribute("priceListForm", draft(Plan.byCode(plan).orElse(Plan.BASIC), today));
        }
        if (!model.containsAttribute("occupancyForm")) {
            model.addAttribute("occupancyForm", OccupancyForm.of(catalog.sizingPolicy()));
        }
        return "catalog/operator-catalog";
    }

    @PostMapping(PATH + "/price-lists")
    String publish(CurrentUser user, @ModelAttribute("priceListForm") PriceListForm form, Model model,
            RedirectAttributes redirect) {
        user.requireOperator("manage the catalog");
        model.addAttribute("failed", "priceList");
        PriceList[] published = new PriceList[1];
        if (FormErrors.submit(model, () -> {
            Validation validation = new Validation();
            BigDecimal listPrice = Inputs.amount(validation, "listPrice", "The list price", form.listPrice());
            List<Inputs.TierRequest> tiers = Inputs.tierLines(validation, form.tiers());
            Inputs.Publication p = Inputs.publication(validation, blankToMissing(form.plan()), form.effectiveFrom(),
                    listPrice, tiers, i -> "tiers");
            validation.throwIfInvalid();
            published[0] = catalog.publishPriceList(p.plan(), p.effectiveFrom(), p.listPrice(), p.tiers());
        })) {
            PriceList list = published[0];
            redirect.addFlashAttribute("message", list.plan().label() + " price list version " + list.version()
                    + " was published; it is in force from " + list.effectiveFrom() + ".");
            return "redirect:" + PATH;
        }
        return page(user, form.plan(), model);
    }

    @PostMapping(PATH + "/occupancy")
    String saveOccupancy(CurrentUser user, @ModelAttribute("occupancyForm") OccupancyForm form, Model model,
            RedirectAttributes redirect) {
        user.requireOperator("manage the catalog");
        model.addAttribute("failed", "occupancy");
        if (FormErrors.submit(model, () -> {
            Validation validation = new Validation();
            Map<EmployeeType, BigDecimal> percents = new EnumMap<>(EmployeeType.class);
            // A blank one is left to the catalog, which says it is required.
            for (EmployeeType type : EmployeeType.values()) {
                String field = "occupancy" + type.number();
                percents.put(type, Inputs.amount(validation, field, "The occupancy of " + type.label(), form.value(type)));
            }
            try {
                // A value that is no number arrives as null, which the catalog refuses: nothing is saved then.
                catalog.changeOccupancies(percents);
            } catch (InvalidInputException e) {
                throw merged(validation, e);
            }
        })) {
            redirect.addFlashAttribute("message", "The occupancies were saved; the licence calculator uses them from now on.");
            return "redirect:" + PATH + "#occupancy";
        }
        return page(user, null, model);
    }

    /** A new version of the plan's latest price list (or Basic's, for a plan without one), from its first free day. */
    private PriceListForm draft(Plan plan, LocalDate today) {
        List<PriceList> versions = catalog.priceListVersions(plan);
        if (versions.isEmpty() && plan != Plan.BASIC) {
            versions = catalog.priceListVersions(Plan.BASIC);
        }
        if (versions.isEmpty()) {
            return new PriceListForm(plan.code(), today.plusDays(1).toString(), "", "1- 0");
        }
        PriceList latest = versions.get(versions.size() - 1);
        LocalDate from = today.plusDays(1);
        List<PriceList> own = catalog.priceListVersions(plan);
        if (!own.isEmpty() && !from.isAfter(own.get(own.size() - 1).effectiveFrom())) {
            from = own.get(own.size() - 1).effectiveFrom().plusDays(1);
        }
        return new PriceListForm(plan.code(), from.toString(), latest.listPrice().amount().toPlainString(),
                latest.tiers().stream().map(Inputs::tierLine).collect(Collectors.joining("\n")));
    }

    /** The reading's message for each field that was no number, the catalog's for the others. */
    private static InvalidInputException merged(Validation reading, InvalidInputException rule) {
        List<Violation> all = new ArrayList<>();
        try {
            reading.throwIfInvalid();
        } catch (InvalidInputException e) {
            all.addAll(e.violations());
        }
        rule.violations().stream().filter(v -> all.stream().noneMatch(a -> a.field().equals(v.field()))).forEach(all::add);
        return new InvalidInputException(all);
    }

    /** A blank plan is an error on the page (the API reads it as Basic). */
    private static String blankToMissing(String plan) {
        return plan == null || plan.isBlank() ? "(none)" : plan;
    }
}
