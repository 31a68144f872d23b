package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceLine;
import org.switchboard.simulation.ExpectedMoney;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * The partners' own invoices: per partner and month one invoice of the webinar seats it booked in
 * the month (none when it booked none), each seat at the list price or half of it when booked
 * within 28 days of registering, German VAT on top (the partners are German companies).
 */
final class WebinarCheck {

    private static final BigDecimal GERMAN_VAT = BigDecimal.valueOf(19);

    private WebinarCheck() {
    }

    /** Checks the partners' invoices; answers the net invoiced for seats. */
    static BigDecimal check(Ledger ledger, List<Invoice> all, Findings findings) {
        BigDecimal invoiced = BigDecimal.ZERO;
        for (YearMonth month : ledger.invoicedMonths) {
            Instant start = month.atDay(1).atStartOfDay(ledger.zone).toInstant();
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ledger.zone).toInstant();
            for (PartnerRecord p : ledger.partners) {
                List<BigDecimal> seats = new ArrayList<>();
                for (Ledger.Booked b : ledger.bookings) {
                    if (b.partner().equals(p) && !b.at().isBefore(start) && b.at().isBefore(end)) {
                        seats.add(b.price());
                    }
                }
                List<Invoice> found = all.stream().filter(i -> p.id().equals(i.partnerId()) && i.customerId() == null
                        && month.equals(i.month()) && i.kind() == Invoice.Kind.INVOICE && i.corrects() == null)
                        .toList();
                String who = p.name() + " " + month;
                if (seats.isEmpty()) {
                    if (!found.isEmpty()) {
                        findings.mismatch(who + ": no partner invoice expected, found " + found.get(0).number());
                    }
                    continue;
                }
                if (found.size() != 1) {
                    findings.mismatch(who + ": expected one partner invoice of " + seats.size() + " webinar seats, found "
                            + found.size());
                    continue;
                }
                Invoice i = found.get(0);
                String doc = who + " partner invoice " + i.number();
                List<BigDecimal> lines = new ArrayList<>();
                for (InvoiceLine l : i.lines()) {
                    lines.add(l.kind() == InvoiceLine.Kind.TRAINING ? l.amount().amount() : l.amount().amount().negate());
                }
                Collections.sort(lines);
                Collections.sort(seats);
                if (!lines.toString().equals(seats.stream().map(a -> a.setScale(2)).toList().toString())) {
                    findings.mismatch(doc + ": lines " + lines + ", expected webinar seats " + seats);
                }
                BigDecimal net = seats.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                findings.compare(doc, "net", i.totals().net().amount(), net);
                findings.compare(doc, "VAT", i.totals().vat().amount(), ExpectedMoney.vat(net, GERMAN_VAT));
                invoiced = invoiced.add(i.totals().net().amount());
            }
        }
        return invoiced;
    }
}
