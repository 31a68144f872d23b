package org.switchboard.simulation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.platform.InvalidInputException;

/**
 * What a simulation plays: the months from {@code from} to {@code to} (both whole), how many
 * partners and customers, the seed of every random choice (the same seed plays the same world),
 * how many working days a month each phone system reports licence events for, whether it may
 * run on a database that holds data it did not create, and how many founders buy in the founding
 * year before the period (with founders the partners register in that year too).
 */
public record SimulationSettings(YearMonth from, YearMonth to, int partners, int customers, long seed,
        int workdaysPerMonth, boolean allowExistingData, int founders) {

    /** The longest period a simulation plays. */
    public static final int MAX_MONTHS = 36;
    public static final List<String> OPTIONS = List.of("from", "to", "partners", "customers", "seed",
            "workdays-per-month", "founders", "allow-existing-data");

    /** A world without founders: everybody joins within the period. */
    public SimulationSettings(YearMonth from, YearMonth to, int partners, int customers, long seed,
            int workdaysPerMonth, boolean allowExistingData) {
        this(from, to, partners, customers, seed, workdaysPerMonth, allowExistingData, 0);
    }

    public SimulationSettings {
        if (from == null || to == null) {
            throw new InvalidInputException("from", "Give the first and the last month of the period");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "The period ends (" + to + ") before it starts (" + from + ")");
        }
        if (months(from, to) > MAX_MONTHS) {
            throw new InvalidInputException("to", "A period of at most " + MAX_MONTHS + " months, not "
                    + months(from, to));
        }
        if (partners < 1 || partners > 10_000) {
            throw new InvalidInputException("partners", "partners must be 1 to 10,000, not " + partners);
        }
        if (customers < 0 || customers > 100_000) {
            throw new InvalidInputException("customers", "customers must be 0 to 100,000, not " + customers);
        }
        if (founders < 0 || founders > 10_000) {
            throw new InvalidInputException("founders", "founders must be 0 to 10,000, not " + founders);
        }
        if (workdaysPerMonth < 0 || workdaysPerMonth > 23) {
            throw new InvalidInputException("workdays-per-month",
                    "workdays-per-month must be 0 to 23, not " + workdaysPerMonth);
        }
    }

    /** The twelve whole months before {@code today}'s month. */
    public static SimulationSettings lastYear(LocalDate today, int partners, int customers, long seed) {
        YearMonth current = YearMonth.from(today);
        return new SimulationSettings(current.minusMonths(12), current.minusMonths(1), partners, customers, seed, 2,
                false);
    }

    /**
     * The first month the simulation plays: with founders the founding year before the period (the
     * partners register and the founders buy then, so that their yearly reviews and term ends fall
     * within the period), otherwise the period's first month.
     */
    public YearMonth playedFrom() {
        return founders > 0 ? from.minusMonths(12) : from;
    }

    public int months() {
        return months(from, to);
    }

    private static int months(YearMonth from, YearMonth to) {
        return (to.getYear() - from.getYear()) * 12 + to.getMonthValue() - from.getMonthValue() + 1;
    }

    /**
     * The settings of a command line: {@code --from=2025-01 --to=2025-12 --partners=50 --customers=1000
     * --seed=1 --workdays-per-month=2 --founders=10 --allow-existing-data}; what is not given is the last twelve
     * months, 5 partners, 40 customers, seed 1, 2 working days, no founders. Refuses an unknown option, a period
     * reaching into the current month or later, a size below its minimum.
     */
    public static SimulationSettings parse(List<String> args, LocalDate today) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new InvalidInputException("arguments", "Unknown argument '" + arg + "'; options are --"
                        + String.join(", --", OPTIONS));
            }
            String name = arg.substring(2);
            String value = "true";
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!OPTIONS.contains(name)) {
                throw new InvalidInputException(name, "Unknown option --" + name + "; options are --"
                        + String.join(", --", OPTIONS));
            }
            given.put(name, value);
        }
        YearMonth current = YearMonth.from(today);
        YearMonth to = month(given, "to", given.containsKey("from") ? null : current.minusMonths(1));
        YearMonth from = month(given, "from", to == null ? current.minusMonths(12) : to.minusMonths(11));
        if (to == null) {
            to = from.plusMonths(11);
            if (!to.isBefore(current)) {
                to = current.minusMonths(1);
            }
        }
        if (!to.isBefore(current)) {
            throw new InvalidInputException("to", "The period must end before the current month " + current
                    + ": a simulation plays the past, not " + to);
        }
        return new SimulationSettings(from, to, number(given, "partners", 5), number(given, "customers", 40),
                number(given, "seed", 1), (int) number(given, "workdays-per-month", 2),
                Boolean.parseBoolean(given.getOrDefault("allow-existing-data", "false")),
                number(given, "founders", 0));
    }

    private static YearMonth month(Map<String, String> given, String name, YearMonth otherwise) {
        String value = given.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "--" + name + " must be a month like 2025-01, not '" + value + "'");
        }
    }

    private static int number(Map<String, String> given, String name, int otherwise) {
        long n = number(given, name, (long) otherwise);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new InvalidInputException(name, "--" + name + " is out of range: " + n);
        }
        return (int) n;
    }

    private static long number(Map<String, String> given, String name, long otherwise) {
        String value = given.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "--" + name + " must be a whole number, not '" + value + "'");
        }
    }
}
