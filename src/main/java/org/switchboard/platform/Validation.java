package org.switchboard.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with a command's fields, so that a form or an API call learns of every
 * fault at once and nothing is saved while any remains.
 */
public final class Validation {

    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}$");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\r\n\t]]");

    private final List<InvalidInputException.Violation> violations = new ArrayList<>();

    public Validation reject(String field, String message) {
        if (violations.stream().noneMatch(v -> v.field().equals(field))) {
            violations.add(new InvalidInputException.Violation(field, message));
        }
        return this;
    }

    /** Required text of at most {@code max} characters, without control characters. */
    public Validation text(String field, String label, String value, int max) {
        if (value == null || value.isBlank()) {
            return reject(field, label + " is required");
        }
        return optionalText(field, label, value, max);
    }

    public Validation optionalText(String field, String label, String value, int max) {
        if (value == null) {
            return this;
        }
        if (value.length() > max) {
            return reject(field, label + " must be at most " + max + " characters");
        }
        if (CONTROL.matcher(value).find()) {
            return reject(field, label + " must not contain control characters");
        }
        return this;
    }

    public Validation email(String field, String value) {
        if (value == null || value.isBlank()) {
            return reject(field, "E-mail address is required");
        }
        String trimmed = value.trim();
        if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches() || trimmed.contains("..")) {
            return reject(field, "'" + abbreviate(trimmed) + "' is not a valid e-mail address");
        }
        return this;
    }

    public Validation country(String field, String value) {
        if (value == null || value.isBlank()) {
            return reject(field, "Country is required");
        }
        if (!COUNTRY.matcher(value.trim().toUpperCase()).matches()
                || !java.util.Set.of(java.util.Locale.getISOCountries()).contains(value.trim().toUpperCase())) {
            return reject(field, "Country must be a two-letter ISO code such as DE, AT or FR");
        }
        return this;
    }

    public Validation check(boolean ok, String field, String message) {
        return ok ? this : reject(field, message);
    }

    public boolean hasErrors() {
        return !violations.isEmpty();
    }

    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    public static String normalizeEmail(String value) {
        return value == null ? null : value.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
