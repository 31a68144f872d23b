package org.switchboard.simulation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a simulation did and whether the application's money matched its own arithmetic: counts
 * (partners, customers, calls, invoices, ...), totals in EUR, and every difference found, each
 * naming the document and what was expected. No difference: {@link #reconciled()}.
 */
public record SimulationReport(SimulationSettings settings, Map<String, Long> counts, Map<String, BigDecimal> totals,
        List<String> mismatches, Duration took) {

    public boolean reconciled() {
        return mismatches.isEmpty();
    }

    public String text() {
        StringBuilder s = new StringBuilder();
        s.append("Simulation ").append(settings.from()).append(" to ").append(settings.to()).append(", seed ")
                .append(settings.seed()).append(", ").append(settings.partners()).append(" partners, ")
                .append(settings.customers()).append(" customers: ").append(took.toSeconds()).append(" s\n");
        counts.forEach((k, v) -> s.append(String.format("  %-44s %,12d%n", k, v)));
        totals.forEach((k, v) -> s.append(String.format("  %-44s %,15.2f EUR%n", k, v)));
        if (mismatches.isEmpty()) {
            s.append("Reconciled: every invoice, credit note, statement and payout as expected, to the cent.\n");
        } else {
            s.append(mismatches.size()).append(" mismatches:\n");
            mismatches.stream().limit(200).forEach(m -> s.append("  ").append(m).append('\n'));
            if (mismatches.size() > 200) {
                s.append("  ... and ").append(mismatches.size() - 200).append(" more\n");
            }
        }
        return s.toString();
    }
}
