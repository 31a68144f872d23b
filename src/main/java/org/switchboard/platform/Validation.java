package org.switchboard.platform;

import java.math.BigDecimal;
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

    /** Dates and instants the platform accepts anywhere: a contract, a call, a price list is in these years. */
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2999;
    /** No amount, price or count of the platform comes near this. */
    private static final BigDecimal LARGEST_NUMBER = new BigDecimal("1000000000000");
    private static final int MOST_DECIMALS = 6;

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

    /** A postcode as the country writes it: five digits in Germany, four in Austria and Switzerland. */
    public Validation postcode(String field, String value, String country) {
        if (value == null || value.isBlank()) {
            return reject(field, "Postcode is required");
        }
        String code = value.trim();
        String land = country == null ? "" : country.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (land) {
            case "DE" -> check(code.matches("\\d{5}"), field, "A German postcode has five digits, e.g. 10115");
            case "AT", "CH" -> check(code.matches("\\d{4}"), field, "A postcode of " + land + " has four digits, e.g. 1010");
            default -> optionalText(field, "Postcode", code, 20);
        };
    }

    /** A phone number in E.164: a plus, the country code and at most 15 digits in all (spaces allowed). */
    public Validation phone(String field, String label, String value) {
        if (value == null || value.isBlank()) {
            return reject(field, label + " is required");
        }
        return check(value.replace(" ", "").matches("\\+[1-9]\\d{6,14}"), field,
                label + " must be an international number such as +49 30 1234560");
    }

    /**
     * A required amount between {@code min} and {@code max} (both included) with at most
     * {@code decimals} decimals: each money field names its own range, so a price list price or a
     * webinar price cannot reach a figure no customer would ever be invoiced.
     */
    public Validation amount(String field, String label, BigDecimal value, BigDecimal min, BigDecimal max, int decimals) {
        if (value == null) {
            return reject(field, label + " is required");
        }
        if (value.compareTo(min) < 0) {
            return reject(field, min.signum() == 0 ? label + " must not be negative"
                    : label + " must be at least " + min.toPlainString());
        }
        if (value.compareTo(max) > 0) {
            return reject(field, label + " must be at most " + max.toPlainString());
        }
        return check(value.stripTrailingZeros().scale() <= decimals, field,
                label + " may have at most " + decimals + " decimals");
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

    /** True when the text has a control character other than tab, carriage return and line feed. */
    public static boolean hasControlCharacters(String value) {
        return value != null && CONTROL.matcher(value).find();
    }

    /** Why a date, instant or month cannot be taken (outside {@link #FIRST_YEAR}..{@link #LAST_YEAR}), or null. */
    public static String dateProblem(Object value) {
        int year;
        if (value instanceof java.time.LocalDate d) {
            year = d.getYear();
        } else if (value instanceof java.time.Instant i) {
            if (i.isBefore(java.time.Instant.parse("1900-01-01T00:00:00Z"))
                    || i.isAfter(java.time.Instant.parse("2999-12-31T23:59:59Z"))) {
                return dateRange();
            }
            return null;
        } else if (value instanceof java.time.OffsetDateTime o) {
            year = o.getYear();
        } else if (value instanceof java.time.ZonedDateTime z) {
            year = z.getYear();
        } else if (value instanceof java.time.LocalDateTime l) {
            year = l.getYear();
        } else if (value instanceof java.time.YearMonth m) {
            year = m.getYear();
        } else {
            return null;
        }
        return year < FIRST_YEAR || year > LAST_YEAR ? dateRange() : null;
    }

    public static String dateRange() {
        return "must be a date between the years " + FIRST_YEAR + " and " + LAST_YEAR;
    }

    /** Why a number cannot be taken (not finite, 10^12 or more, more than 6 decimals), or null. */
    public static String numberProblem(Number value) {
        BigDecimal number;
        if (value instanceof Double || value instanceof Float) {
            if (!Double.isFinite(value.doubleValue())) {
                return "must be a number below " + LARGEST_NUMBER.toPlainString();
            }
            number = BigDecimal.valueOf(value.doubleValue());
        } else if (value instanceof BigDecimal d) {
            number = d;
        } else {
            return null;
        }
        if (number.abs().compareTo(LARGEST_NUMBER) >= 0) {
            return "must be a number between -" + LARGEST_NUMBER.toPlainString() + " and " + LARGEST_NUMBER.toPlainString();
        }
        if (number.stripTrailingZeros().scale() > MOST_DECIMALS) {
            return "must have at most " + MOST_DECIMALS + " decimals";
        }
        return null;
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
