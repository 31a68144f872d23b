package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.Invoice;
import org.switchboard.simulation.ExpectedMoney;
import org.switchboard.simulation.internal.Ledger.CustomerRecord;

/** Credit notes: exactly the simulation's, each minus the credited amount and its VAT. */
final class CreditNoteCheck {

    private CreditNoteCheck() {
    }

    /** Checks the credit notes; answers the net credited. */
    static BigDecimal check(Ledger ledger, List<Invoice> all, Map<UUID, Invoice> byId,
            Map<UUID, CustomerRecord> customerOf, Findings findings) {
        Set<CustomerId> mine = new HashSet<>();
        ledger.customers.forEach(c -> mine.add(c.id()));
        BigDecimal credited = BigDecimal.ZERO;
        Set<UUID> expectedNotes = new HashSet<>();
        for (Ledger.Credited cr : ledger.credits) {
            expectedNotes.add(cr.creditNoteId());
            Invoice note = byId.get(cr.creditNoteId());
            Invoice original = byId.get(cr.invoiceId());
            if (note == null || original == null) {
                findings.mismatch("credit note " + cr.creditNoteId() + " of invoice " + cr.invoiceId() + " not found");
                continue;
            }
            CustomerRecord c = customerOf.get(original.id());
            BigDecimal pct = c == null ? BigDecimal.valueOf(19) : ExpectedMoney.vatPercent(c.country(), c.vatId());
            String doc = "credit note " + note.number() + " of " + original.number();
            findings.compare(doc, "net", note.totals().net().amount(), cr.amount().negate());
            findings.compare(doc, "VAT", note.totals().vat().amount(), ExpectedMoney.vat(cr.amount(), pct).negate());
            credited = credited.add(cr.amount());
        }
        for (Invoice i : all) {
            if (i.corrects() != null && i.customerId() != null && mine.contains(i.customerId())
                    && !expectedNotes.contains(i.id())) {
                findings.mismatch("credit note " + i.number() + " the simulation did not issue");
            }
        }
        return credited;
    }
}
