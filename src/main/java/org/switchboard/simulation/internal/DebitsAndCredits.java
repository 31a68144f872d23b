package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.CreditNotePolicy;
import org.switchboard.billing.CreditNotes;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceManagement;
import org.switchboard.billing.InvoicePayments;

/**
 * After the invoice run: on the 5th the month's direct debits collected, about one in 50
 * returned; on the 10th a few operator credit notes of part of an invoice's first line.
 */
@Component
class DebitsAndCredits {

    private final InvoiceManagement invoices;
    private final InvoicePayments payments;
    private final CreditNotes creditNotes;
    private final EventsSettled settled;
    private final Clock clock;

    DebitsAndCredits(InvoiceManagement invoices, InvoicePayments payments, CreditNotes creditNotes,
            EventsSettled settled, Clock clock) {
        this.invoices = invoices;
        this.payments = payments;
        this.creditNotes = creditNotes;
        this.settled = settled;
        this.clock = clock;
    }

    /** Invoices of the simulation's customers for {@code month}, as the operator lists them. */
    private List<Invoice> invoicesOf(Ledger ledger, YearMonth month) {
        // In the ledger's order of customers, not the invoice numbers' (the run's order is not the simulation's).
        Map<CustomerId, Integer> mine = new HashMap<>();
        ledger.customers.forEach(c -> mine.putIfAbsent(c.id(), mine.size()));
        return invoices.invoicesOfMonth(World.operator(), month).stream()
                .filter(i -> i.kind() == Invoice.Kind.INVOICE && i.corrects() == null && mine.containsKey(i.customerId()))
                .sorted(Comparator.comparing((Invoice i) -> mine.get(i.customerId())).thenComparing(Invoice::number))
                .toList();
    }

    /** The direct debits of the month's invoices: about 2% come back, the rest are collected. */
    void payments(Ledger ledger, Random random, YearMonth month, LocalDate day, Consumer<Instant> setClock) {
        World.at(setClock, ledger, day, LocalTime.of(9, 0));
        List<Invoice> due = invoicesOf(ledger, month);
        // About 2% come back; in a small world at least one in the period, from the second month on.
        int forced = ledger.returns.isEmpty() && !month.equals(ledger.settings.from()) && !due.isEmpty()
                ? random.nextInt(due.size()) : -1;
        for (int n = 0; n < due.size(); n++) {
            Invoice i = due.get(n);
            if (!i.totals().gross().greaterThanZero()) {
                continue;
            }
            if (n == forced || random.nextInt(50) == 0) {
                payments.markReturned(World.operator(), i.id(), "MD06 refund requested by the debtor");
                ledger.returns.add(new Ledger.Returned(i.id(), day));
                ledger.count("direct debits returned");
            } else {
                payments.markCollected(World.operator(), i.id());
                ledger.count("direct debits collected");
            }
        }
        settled.await();
    }

    /** A few operator credit notes: part of the first line of an invoice, for a service outage. */
    void credits(Ledger ledger, Random random, YearMonth month, LocalDate day, Consumer<Instant> setClock) {
        World.at(setClock, ledger, day, LocalTime.of(11, 0));
        List<Invoice> made = invoicesOf(ledger, month);
        // About one invoice in 25, and at least one a month.
        int forced = made.isEmpty() ? -1 : random.nextInt(made.size());
        for (int n = 0; n < made.size(); n++) {
            Invoice i = made.get(n);
            if ((n != forced && random.nextInt(25) != 0) || i.lines().isEmpty()
                    || !i.lines().get(0).amount().greaterThanZero()) {
                continue;
            }
            BigDecimal amount = i.lines().get(0).amount().amount().multiply(new BigDecimal("0.25"))
                    .setScale(2, RoundingMode.DOWN);
            if (amount.signum() <= 0) {
                continue;
            }
            Invoice note = creditNotes.issue(World.operator(), i.id(), new CreditNotePolicy.Request(
                    "Service outage: a quarter of the fee credited", false,
                    List.of(new CreditNotePolicy.LineCredit(1, amount))));
            ledger.credits.add(new Ledger.Credited(i.id(), 1, amount, clock.instant(), note.id()));
            ledger.count("credit notes");
        }
        settled.await();
    }
}
