package org.switchboard.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.testing.IntegrationTestBase;

/**
 * A small world played through the whole application for three months, March with its change to
 * summer time among them: every invoice, credit note, statement and payout reconciles to the cent
 * with the simulation's own arithmetic; and one invoice line changed behind the application's
 * back is found.
 */
class SimulationIntegrationTest extends IntegrationTestBase {

    @Autowired
    Simulation simulation;
    @Autowired
    JdbcClient jdbc;

    @Test
    void threeMonthsOfASmallWorldReconcileToTheCentAndATamperedInvoiceLineIsFound() {
        SimulationSettings settings = new SimulationSettings(YearMonth.of(2041, 2), YearMonth.of(2041, 4), 3, 10, 7,
                1, true);

        java.time.Instant before = clock.instant();
        SimulationReport report;
        try {
            report = simulation.run(settings, clock::set);
        } finally {
            clock.set(before); // the tests after this one find the clock where it was
        }

        System.out.println(report.text());
        assertThat(report.mismatches()).as(report.text()).isEmpty();
        assertThat(report.counts().get("invoices")).as(report.text()).isGreaterThanOrEqualTo(5);
        assertThat(report.counts().get("calls billed")).as(report.text()).isGreaterThan(0);
        assertThat(report.counts().get("statements")).as(report.text()).isGreaterThan(0);
        assertThat(report.totals().get("paid out")).as(report.text()).isPositive();
        assertThat(report.counts().get("credit notes")).as(report.text()).isPositive();
        assertThat(report.counts().get("direct debits returned")).as(report.text()).isPositive();
        assertThat(report.counts().get("webinar seats booked within 28 days of registering")).as(report.text())
                .isPositive();
        assertThat(report.totals().get("webinar seats invoiced net")).as(report.text()).isEqualByComparingTo("195.00");

        // An invoice line of the simulation's world changed in the database (past the guard that forbids it).
        Map<String, Object> line = jdbc.sql("""
                select l.invoice_id, l.position, l.amount, i.number from billing_invoice_lines l
                join billing_invoices i on i.id = l.invoice_id
                where i.month = '2041-03' and i.customer_name like 'Customer 7-%' and l.kind = 'SUBSCRIPTION_FEE' and i.number is not null
                order by i.number limit 1""").query().singleRow();
        UUID invoice = (UUID) line.get("invoice_id");
        int position = ((Number) line.get("position")).intValue();
        BigDecimal amount = (BigDecimal) line.get("amount");
        setLine(invoice, position, amount.add(new BigDecimal("0.01")));
        try {
            SimulationReport tampered = simulation.reconcileAgain();
            assertThat(tampered.reconciled()).isFalse();
            assertThat(tampered.mismatches()).as(tampered.text())
                    .anyMatch(m -> m.contains((String) line.get("number")) && m.contains("subscription lines"));
        } finally {
            setLine(invoice, position, amount);
        }
        assertThat(simulation.reconcileAgain().mismatches()).isEmpty();
    }

    @Test
    void badSettingsAreRefusedWithAClearMessage() {
        java.time.LocalDate today = java.time.LocalDate.of(2026, 12, 6);
        assertThat(SimulationSettings.parse(List.of(), today).from()).isEqualTo(YearMonth.of(2025, 12));
        assertThat(SimulationSettings.parse(List.of(), today).to()).isEqualTo(YearMonth.of(2026, 11));
        assertRefused(List.of("--colour=red"), today, "Unknown option --colour");
        assertRefused(List.of("--from=2026-06", "--to=2027-01"), today, "must end before the current month");
        assertRefused(List.of("--from=2020-01", "--to=2025-01"), today, "at most 36 months");
        assertRefused(List.of("--customers=-5"), today, "customers must be 0 to 100,000");
        assertRefused(List.of("--from=January"), today, "must be a month like 2025-01");
    }

    private static void assertRefused(List<String> args, java.time.LocalDate today, String message) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulationSettings.parse(args, today))
                .isInstanceOf(org.switchboard.platform.InvalidInputException.class).hasMessageContaining(message);
    }

    private void setLine(UUID invoice, int position, BigDecimal amount) {
        jdbc.sql("alter table billing_invoice_lines disable trigger billing_invoice_lines_final").update();
        try {
            jdbc.sql("update billing_invoice_lines set amount = :amount where invoice_id = :invoice and position = :position")
                    .param("amount", amount).param("invoice", invoice).param("position", position).update();
        } finally {
            jdbc.sql("alter table billing_invoice_lines enable trigger billing_invoice_lines_final").update();
        }
    }
}
