package org.switchboard.catalog.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.switchboard.catalog.EmployeeCounts;
import org.switchboard.catalog.EmployeeType;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceList;
import org.switchboard.platform.Validation;

import tools.jackson.databind.JsonNode;

/**
 * Reads the calculators' fields as a person or a script typed them, so that the API and the
 * pages answer a wrong value with the same sentence. A field in error yields null and a violation.
 */
final class Inputs {

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
        if (raw == null || raw.isBlank()) {
            return today;
        }
        try {
            LocalDate day = LocalDate.parse(raw.trim());
            if (Validation.dateProblem(day) != null) {
                validation.reject("on", "on " + Validation.dateProblem(day) + ", not '" + abbreviate(raw) + "'");
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            validation.reject("on", "on must be a date such as 2026-01-31, not '" + abbreviate(raw) + "'");
            return null;
        }
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
