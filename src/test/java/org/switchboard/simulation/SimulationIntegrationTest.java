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
 * summer time among them, after its founding year: CSP partners bought at wholesale, term ends
 * brought a downgrade, a cancellation and a renewal, a partner fell at its yearly review; every
 * invoice (wholesale too), credit note, statement and payout reconciles to the cent with the
 * simulation's own arithmetic, every partner's level is the one the rules give and every licence
 * decision the one of the simulation's admission model; an invoice line, a wholesale line and a
 * level changed behind the application's back are found; and the same seed
 * plays the same world again (the same counts, refusals of licences among them).
 */
class SimulationIntegrationTest extends IntegrationTestBase {

    @Autowired
    Simulation simulation;
    @Autowired
    JdbcClient jdbc;

    @Test
    void threeMonthsOfASmallWorldReconcileToTheCentTamperingIsFoundAndTheSeedPlaysTheSameWorldAgain() {
        SimulationSettings settings = new SimulationSettings(YearMonth.of(2041, 2), YearMonth.of(2041, 4), 4, 10, 7,
                1, true, 4);

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
        assertThat(report.totals().get("webinar seats invoiced net")).as(report.text()).isEqualByComparingTo("585.00");
        // Partner 2 is CSP from its registration, partner 3 (rising) from 15 April: both buy at wholesale.
        assertThat(report.counts().get("partners switched to CSP")).as(report.text()).isEqualTo(2);
        assertThat(report.counts().get("wholesale invoices to CSP partners")).as(report.text()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("""
                select count(distinct i.partner_id) from billing_invoices i join partners p on p.id = i.partner_id
                where i.customer_id is null and p.name like 'Reseller 7-%' and i.month between '2041-02' and '2041-04'
                and exists (select 1 from billing_invoice_lines l where l.invoice_id = i.id and l.kind <> 'TRAINING')""")
                .query(Long.class).single()).isEqualTo(2);
        assertThat(report.totals().get("wholesale invoiced net")).as(report.text()).isPositive();

        // Founders bought in 2040: their first term ends in the period bring a downgrade, a cancellation
        // and renewals; the first partner's new website was never confirmed, and it fell at its review.
        assertThat(report.counts().get("founders")).as(report.text()).isEqualTo(4);
        assertThat(report.counts().get("downgrades at the term end")).as(report.text()).isPositive();
        assertThat(report.counts().get("cancellations at the term end")).as(report.text()).isPositive();
        assertThat(report.counts().get("renewals")).as(report.text()).isPositive();
        assertThat(report.counts().get("falls at a yearly review")).as(report.text()).isPositive();
        // Every licence decision as the simulation's own admission model gives it (else a mismatch above).
        assertThat(report.counts().get("licence refusals by the admission rules")).as(report.text()).isPositive()
                .isEqualTo(report.counts().get("licence refusals"));

        // Blocks of 10 numbers ordered: below 10 users a block is charged, and its lines reconciled above.
        assertThat(report.counts().get("blocks of 10 numbers ordered")).as(report.text()).isPositive();
        assertThat(jdbc.sql("""
                select count(*) from billing_invoice_lines l join billing_invoices i on i.id = l.invoice_id
                where l.kind = 'NUMBERS' and i.month between '2040-02' and '2041-04'
                and (i.customer_name like 'Customer 7-%' or i.customer_name like 'Founder 7-%')""")
                .query(Long.class).single()).isPositive();

        // A wholesale line of a CSP partner's invoice changed by a cent: the reconciliation names that invoice.
        Map<String, Object> wholesale = jdbc.sql("""
                select l.invoice_id, l.position, l.amount, i.number from billing_invoice_lines l
                join billing_invoices i on i.id = l.invoice_id
                where i.month between '2041-02' and '2041-04' and i.customer_id is null and i.partner_id is not null
                and l.kind in ('SUBSCRIPTION_FEE', 'PRO_RATA') and i.number is not null
                and exists (select 1 from partners p where p.id = i.partner_id and p.name like 'Reseller 7-%')
                order by i.number, l.position limit 1""").query().singleRow();
        setLine((UUID) wholesale.get("invoice_id"), ((Number) wholesale.get("position")).intValue(),
                ((BigDecimal) wholesale.get("amount")).subtract(new BigDecimal("0.01")));
        try {
            SimulationReport tampered = simulation.reconcileAgain();
            assertThat(tampered.mismatches()).as(tampered.text()).anyMatch(m -> m.contains((String) wholesale
                    .get("number")) && m.contains("wholesale subscription lines"));
        } finally {
            setLine((UUID) wholesale.get("invoice_id"), ((Number) wholesale.get("position")).intValue(),
                    (BigDecimal) wholesale.get("amount"));
        }

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

        // A partner of the world raised a level behind the programme's back: the rules give it Registered.
        Map<String, Object> partner = jdbc.sql("select id, name, level from partners where name like 'Reseller 7-%'"
                + " order by name limit 1").query().singleRow();
        jdbc.sql("update partners set level = 'CERTIFIED' where id = :id").param("id", partner.get("id")).update();
        try {
            SimulationReport raised = simulation.reconcileAgain();
            assertThat(raised.mismatches()).as(raised.text()).anyMatch(m -> m.startsWith(partner.get("name")
                    + ": level CERTIFIED at the end, the rules give " + partner.get("level")));
        } finally {
            jdbc.sql("update partners set level = :level where id = :id").param("level", partner.get("level"))
                    .param("id", partner.get("id")).update();
        }

        // The same seed 28 years later (the same weekdays and changes to summer time) plays the same world.
        SimulationSettings twin = new SimulationSettings(YearMonth.of(2069, 2), YearMonth.of(2069, 4), 4, 10, 7, 1,
                true, 4);
        SimulationReport again;
        try {
            again = simulation.run(twin, clock::set);
        } finally {
            clock.set(before);
        }
        assertThat(again.mismatches()).as(again.text()).isEmpty();
        for (String count : List.of("customers", "phone systems", "licence events", "licence refusals",
                "emergency calls", "call records", "invoices", "calls billed", "credit notes", "statements",
                "wholesale invoices to CSP partners", "renewals", "falls at a yearly review",
                "downgrades at the term end", "cancellations at the term end", "blocks of 10 numbers ordered")) {
            assertThat(again.counts().get(count)).as(count + "\n" + report.text() + "\n" + again.text())
                    .isEqualTo(report.counts().get(count));
        }
        for (String total : List.of("invoiced net", "invoiced gross", "credited net", "commission expected",
                "wholesale invoiced net")) {
            assertThat(again.totals().get(total)).as(total).isEqualByComparingTo(report.totals().get(total));
        }
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
        assertRefused(List.of("--founders=-1"), today, "founders must be 0 to 10,000");
        assertThat(SimulationSettings.parse(List.of("--founders=3"), today).playedFrom()).isEqualTo(YearMonth.of(2024, 12));
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
