package org.switchboard.simulation.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Document numbers without gaps: within each year of the period, from 1 on, none missing. */
final class NumberCheck {

    static final Pattern INVOICE = Pattern.compile("^(\\d{4})-(\\d{6})$");
    static final Pattern CREDIT_NOTE = Pattern.compile("^CN-(\\d{4})-(\\d{6})$");
    static final Pattern STATEMENT = Pattern.compile("^PC-(\\d{4})-(\\d{6})$");

    private NumberCheck() {
    }

    static void gapless(Findings findings, String kind, Pattern pattern, List<String> numbers, Ledger ledger) {
        Map<Integer, TreeSet<Integer>> byYear = new TreeMap<>();
        for (String n : numbers) {
            Matcher m = n == null ? null : pattern.matcher(n);
            if (m != null && m.matches()) {
                byYear.computeIfAbsent(Integer.parseInt(m.group(1)), y -> new TreeSet<>()).add(Integer.parseInt(m.group(2)));
            }
        }
        for (int year = ledger.settings.playedFrom().getYear(); year <= ledger.settings.to().plusMonths(1).getYear(); year++) {
            TreeSet<Integer> seen = byYear.get(year);
            if (seen == null) {
                continue;
            }
            if (seen.first() != 1 || seen.last() != seen.size()) {
                findings.mismatch(kind + " numbers of " + year + " have gaps: " + seen.size() + " numbers from "
                        + seen.first() + " to " + seen.last());
            }
        }
    }
}
