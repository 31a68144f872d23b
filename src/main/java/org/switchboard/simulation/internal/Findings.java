package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the reconciliation's checks found: every mismatch, naming the document, and the counts and totals of the report. */
final class Findings {

    final List<String> mismatches = new ArrayList<>();
    final Map<String, Long> counts = new LinkedHashMap<>();
    final Map<String, BigDecimal> totals = new LinkedHashMap<>();

    void mismatch(String what) {
        mismatches.add(what);
    }

    void compare(String doc, String what, BigDecimal made, BigDecimal expected) {
        if (made.compareTo(expected) != 0) {
            mismatches.add(doc + ": " + what + " " + made + ", expected " + expected + " (difference "
                    + made.subtract(expected) + ")");
        }
    }
}
