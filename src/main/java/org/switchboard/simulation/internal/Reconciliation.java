package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceManagement;
import org.switchboard.partners.LeadManagement;
import org.switchboard.simulation.SimulationReport;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * Computes from the ledger alone, with {@link org.switchboard.simulation.ExpectedMoney}'s
 * arithmetic, what every invoice ({@link InvoiceCheck}), credit note ({@link CreditNoteCheck}),
 * commission statement and payout ({@link CommissionCheck}) and partner invoice of webinar seats
 * and CSP wholesale ({@link PartnerInvoiceCheck}) must contain, which level each partner must have ({@link LevelCheck}) and
 * where each lead must have gone ({@link LeadCheck}), compares it with what
 * the application made, to the cent, and checks the numbers for gaps ({@link NumberCheck}). Reads
 * the application's documents through the modules' APIs.
 */
@Component
class Reconciliation {

    private final InvoiceManagement invoices;
    private final CommissionCheck commission;
    private final AccountManagement accounts;
    private final LeadManagement leads;

    Reconciliation(InvoiceManagement invoices, CommissionCheck commission, AccountManagement accounts,
            LeadManagement leads) {
        this.leads = leads;
        this.invoices = invoices;
        this.commission = commission;
        this.accounts = accounts;
    }

    SimulationReport reconcile(Ledger ledger, Duration took, boolean exclusive) {
        Findings findings = new Findings();
        List<Invoice> all = invoices.invoices(World.operator());
        Map<UUID, Invoice> byId = new HashMap<>();
        all.forEach(i -> byId.put(i.id(), i));

        InvoiceCheck.Result invoiced = InvoiceCheck.check(ledger, all, findings);
        BigDecimal credited = CreditNoteCheck.check(ledger, all, byId, invoiced.customerOf(), findings);
        CommissionCheck.Result commissioned = commission.check(ledger, invoiced, byId, exclusive, findings);
        PartnerInvoiceCheck.Result bought = PartnerInvoiceCheck.check(ledger, all, findings);
        Map<PartnerId, java.time.LocalDate> registeredOn = new HashMap<>();
        Map<PartnerId, String> levelNow = new HashMap<>();
        for (PartnerRecord p : ledger.partners) {
            Partner partner = accounts.partner(World.operator(), p.id());
            registeredOn.put(p.id(), partner.registeredOn());
            levelNow.put(p.id(), partner.level().name());
        }
        LevelCheck.Levels expectedLevels = LevelCheck.check(ledger, invoiced, bought, byId, registeredOn, levelNow, findings);
        LeadCheck.check(ledger, expectedLevels, id -> leads.lead(World.operator(), id), exclusive, findings);

        // Numbers without gaps: invoices and credit notes of every year of the period (all of the database).
        List<String> numbers = all.stream().map(Invoice::number).toList();
        NumberCheck.gapless(findings, "invoice", NumberCheck.INVOICE, numbers, ledger);
        NumberCheck.gapless(findings, "credit note", NumberCheck.CREDIT_NOTE, numbers, ledger);
        if (exclusive) {
            NumberCheck.gapless(findings, "statement", NumberCheck.STATEMENT, commissioned.numbers(), ledger);
        }
        ledger.poolViolations.forEach(findings::mismatch);
        ledger.admissionDifferences.forEach(findings::mismatch);
        if (ledger.refused != ledger.refusedByModel) {
            findings.mismatch(ledger.refused + " licence refusals, the admission rules give " + ledger.refusedByModel);
        }

        Map<String, Long> counts = new LinkedHashMap<>(ledger.counts);
        Map<String, Long> levels = new TreeMap<>();
        for (PartnerRecord p : ledger.partners) {
            levels.merge("partners now " + accounts.partner(World.operator(), p.id()).level().label(), 1L, Long::sum);
        }
        counts.putAll(levels);
        counts.put("falls at a yearly review", expectedLevels.falls());
        counts.put("invoices", invoiced.invoices());
        counts.put("wholesale invoices to CSP partners", bought.wholesaleInvoices());
        counts.put("calls billed", invoiced.callsBilled() + bought.callsBilled());
        counts.put("statements", commissioned.statements());
        counts.put("payout batches", (long) ledger.payouts.size());
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        totals.put("invoiced net", invoiced.net());
        totals.put("of which airtime", invoiced.airtime());
        totals.put("invoiced gross", invoiced.gross());
        totals.put("credited net", credited);
        totals.put("wholesale invoiced net", bought.wholesale());
        totals.put("webinar seats invoiced net", bought.seats());
        totals.put("commission stated", commissioned.stated());
        totals.put("commission expected", commissioned.expected());
        totals.put("paid out", commissioned.paidOut());
        return new SimulationReport(ledger.settings, counts, totals, findings.mismatches, took);
    }
}
