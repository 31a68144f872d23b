package org.switchboard.catalog.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.catalog.EmployeeCounts;
import org.switchboard.catalog.EmployeeType;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceList;
import org.switchboard.catalog.Tier;
import org.switchboard.platform.Validation;

import tools.jackson.databind.JsonNode;

/**
 * Reads the calculators' fields as a person or a script typed them, so that the API and the
 * pages answer a wrong value with the same sentence. A field in error yields null and a violation.
 */
final class Inputs {

    /** One volume tier of a new price list as asked for; the last has no {@code to}. */
    record TierRequest(Integer from, Integer to, BigDecimal discountPercent) {
    }

    /** A new price list version, checked field by field, ready for {@code Catalog.publishPriceList}. */
    record Publication(Plan plan, LocalDate effectiveFrom, Money listPrice, List<Tier> tiers) {
    }

    /** A tier line on the operator's page: {@code 1-10 0}, {@code 11-25 5}, the last open {@code 1001- 25}. */
    private static final Pattern TIER_LINE = Pattern
            .compile("(\\d{1,9})\\s*(?:-\\s*(\\d{1,9})?|\\+)\\s+(\\d{1,3}(?:[.,]\\d+)?)\\s*%?");

    static final String TIER_LINE_HINT = "one tier a line: from-to and the discount in percent, e.g. 1-10 0;"
            + " the last one without an upper end, e.g. 1001- 25";

    static final String CU_RANGE = "Concurrent users must be between 1 and " + PriceList.MAX_CONCURRENT_USERS;

    private Inputs() {
    }

    /** Missing or blank means Basic, the plan that is for sale. */
    static Plan plan(Validation validation, String raw) {
        if (raw == null || raw.isBlank()) {
            return Plan.BASIC;
        }
        return Plan.byCode(raw).orElseGet(() -> {
            validation.reject("plan", "Plan must be one of " + Plan.codes() + ", not '" + abbreviate(raw) + "'");
            return null;
        });
    }

    static Integer concurrentUsers(Validation validation, String raw) {
        if (raw == null || raw.isBlank()) {
            validation.reject("concurrentUsers",
                    "Concurrent users are required: a whole number between 1 and " + PriceList.MAX_CONCURRENT_USERS);
            return null;
        }
        BigDecimal number = wholeNumber(raw);
        if (number == null) {
            validation.reject("concurrentUsers", "Concurrent users must be a whole number between 1 and "
                    + PriceList.MAX_CONCURRENT_USERS + ", not '" + abbreviate(raw) + "'");
            return null;
        }
        if (number.compareTo(BigDecimal.ONE) < 0 || number.compareTo(BigDecimal.valueOf(PriceList.MAX_CONCURRENT_USERS)) > 0) {
            validation.reject("concurrentUsers", CU_RANGE);
            return null;
        }
        return number.intValueExact();
    }

    /** An employee count from a form: blank means 0. */
    static Integer count(Validation validation, EmployeeType type, String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        return count(validation, type, raw, "'" + abbreviate(raw) + "'");
    }

    private static Integer count(Validation validation, EmployeeType type, String raw, String shown) {
        BigDecimal number = wholeNumber(raw);
        if (number == null || number.signum() < 0 || number.compareTo(BigDecimal.valueOf(EmployeeCounts.MAX_PER_TYPE)) > 0) {
            validation.reject(type.field(), EmployeeCounts.rangeMessage(type) + ", not " + shown);
            return null;
        }
        return number.intValueExact();
    }

    /**
     * An employee count from JSON: missing or null means 0; a whole number is read; anything else
     * (1.5, true, "5" as text) is refused with the same sentence as on the page.
     */
    static Integer count(Validation validation, EmployeeType type, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return 0;
        }
        if (node.isIntegralNumber()) {
            return count(validation, type, node.bigIntegerValue().toString(), abbreviate(node.toString()));
        }
        if (node.isString()) {
            validation.reject(type.field(), EmployeeCounts.rangeMessage(type) + ", not '" + abbreviate(node.asString())
                    + "' (text)");
            return null;
        }
        validation.reject(type.field(), EmployeeCounts.rangeMessage(type) + ", not " + abbreviate(node.toString()));
        return null;
    }

    /** A day to quote for, {@code yyyy-mm-dd}; missing means today. */
    static LocalDate day(Validation validation, String raw, LocalDate today) {
        return day(validation, "on", "on", raw, today);
    }

    /** A day in field {@code field}, {@code yyyy-mm-dd}; missing means {@code missing}. */
    private static LocalDate day(Validation validation, String field, String label, String raw, LocalDate missing) {
        if (raw == null || raw.isBlank()) {
            return missing;
        }
        try {
            LocalDate day = LocalDate.parse(raw.trim());
            if (Validation.dateProblem(day) != null) {
                validation.reject(field, label + " " + Validation.dateProblem(day) + ", not '" + abbreviate(raw) + "'");
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            validation.reject(field, label + " must be a date such as 2026-01-31, not '" + abbreviate(raw) + "'");
            return null;
        }
    }

    /**
     * The checks of a new price list that both the API and the operator's page make before the
     * catalog's own (a later day, the list price's range, tiers without gap): the plan, the day,
     * a list price and at least one tier, each tier with a start and a discount. The violations go
     * into {@code validation}; {@code tierField} names the field of the i-th tier (from 0).
     */
    static Publication publication(Validation validation, String plan, String effectiveFrom, BigDecimal listPrice,
            List<TierRequest> tiers, IntFunction<String> tierField) {
        Plan chosen = plan(validation, plan);
        if (effectiveFrom == null || effectiveFrom.isBlank()) {
            validation.reject("effectiveFrom", "The day it takes effect is required, as yyyy-mm-dd");
        }
        LocalDate from = day(validation, "effectiveFrom", "The day it takes effect", effectiveFrom, null);
        if (listPrice == null) {
            validation.reject("listPrice", "The list price is required");
        }
        List<Tier> built = new ArrayList<>();
        if (tiers == null || tiers.isEmpty()) {
            validation.reject("tiers",
                    "At least one tier is required, each with from, to and discountPercent; the last one without to");
        } else {
            for (int i = 0; i < tiers.size(); i++) {
                TierRequest t = tiers.get(i);
                if (t == null || t.from() == null || t.discountPercent() == null) {
                    validation.reject(tierField.apply(i), "Tier " + (i + 1) + " needs from and discountPercent");
                    continue;
                }
                try {
                    built.add(new Tier(t.from(), t.to(), t.discountPercent()));
                } catch (IllegalArgumentException e) {
                    validation.reject(tierField.apply(i), "Tier " + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        if (validation.hasErrors()) {
            return null;
        }
        return new Publication(chosen, from, Money.euros(listPrice), built);
    }

    /**
     * The tiers as typed on the operator's page, one a line ({@link #TIER_LINE_HINT}). A line
     * that is not a tier is named with its number in field {@code tiers}; blank lines are skipped.
     */
    static List<TierRequest> tierLines(Validation validation, String text) {
        List<TierRequest> tiers = new ArrayList<>();
        if (text == null) {
            return tiers;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = TIER_LINE.matcher(line);
            if (!m.matches()) {
                validation.reject("tiers", "Line " + (i + 1) + " ('" + abbreviate(line) + "') is not a tier: write "
                        + TIER_LINE_HINT);
                continue;
            }
            tiers.add(new TierRequest(Integer.valueOf(m.group(1)), m.group(2) == null ? null : Integer.valueOf(m.group(2)),
                    new BigDecimal(m.group(3).replace(',', '.'))));
        }
        return tiers;
    }

    /** A tier as the page writes it back: {@code 11-25 5}, {@code 1001- 25}. */
    static String tierLine(Tier tier) {
        return tier.from() + "-" + (tier.to() == null ? "" : tier.to()) + " "
                + tier.discountPercent().stripTrailingZeros().toPlainString();
    }

    /** An amount typed on a page, 12.90 or 12,90; null and a violation when it is none. */
    static BigDecimal amount(Validation validation, String field, String label, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip().replace(',', '.');
        if (!text.matches("-?\\d{1,9}(\\.\\d{1,9})?")) {
            validation.reject(field, label + " must be an amount such as 12.90, not '" + abbreviate(raw) + "'");
            return null;
        }
        return new BigDecimal(text);
    }

    /** Digits with an optional sign, of any length; null for anything else (1.5, 1e3, abc). */
    private static BigDecimal wholeNumber(String raw) {
        String text = raw.trim();
        if (!text.matches("[+-]?\\d{1,30}")) {
            return null;
        }
        return new BigDecimal(text);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
