package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceLine;
import org.switchboard.simulation.ExpectedMoney;
import org.switchboard.simulation.internal.Ledger.CustomerRecord;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * The partners' own invoices: per partner and month one invoice (none when it owes nothing) of
 * <ul>
 * <li>the webinar seats it booked in the month, each at the list price or half of it when booked
 * within 28 days of registering;</li>
 * <li>when it had the CSP option on as the month's run was created: every retail line its
 * customers would have got for the month (per phone system the pro-rata parts, the next month's
 * fee and the airtime per zone), each at the retail amount less the commission rate of the
 * partner's level at the run, rounded half-up to the cent;</li>
 * </ul>
 * German VAT on top (the partners are German companies).
 */
final class PartnerInvoiceCheck {

    private static final BigDecimal GERMAN_VAT = BigDecimal.valueOf(19);

    /**
     * What was found: the net of the seats and of the wholesale lines invoiced, the partner invoices
     * with wholesale lines, their expected wholesale net (the partner's turnover) and partner by
     * invoice id, the calls billed to partners and expected.
     */
    record Result(BigDecimal seats, BigDecimal wholesale, long wholesaleInvoices, Map<UUID, BigDecimal> wholesaleNetOf,
            Map<UUID, PartnerRecord> partnerOf, long callsBilled, long callsExpected) {
    }

    private PartnerInvoiceCheck() {
    }

    static Result check(Ledger ledger, List<Invoice> all, Findings findings) {
        BigDecimal seatsInvoiced = BigDecimal.ZERO;
        BigDecimal wholesaleInvoiced = BigDecimal.ZERO;
        long wholesaleInvoices = 0;
        long callsBilled = 0;
        long callsExpected = 0;
        Map<UUID, BigDecimal> wholesaleNetOf = new HashMap<>();
        Map<UUID, PartnerRecord> partnerOf = new HashMap<>();
        for (YearMonth month : ledger.invoicedMonths) {
            Instant start = month.atDay(1).atStartOfDay(ledger.zone).toInstant();
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ledger.zone).toInstant();
            for (PartnerRecord p : ledger.partners) {
                List<BigDecimal> seats = new ArrayList<>();
                for (Ledger.Booked b : ledger.bookings) {
                    if (b.partner().equals(p) && !b.at().isBefore(start) && b.at().isBefore(end)) {
                        seats.add(b.price().setScale(2));
                    }
                }
                List<BigDecimal> subscriptions = new ArrayList<>();
                List<BigDecimal> airtime = new ArrayList<>();
                long calls = 0;
                if (ledger.buysAsCsp(p, month)) {
                    BigDecimal keep = BigDecimal.ONE.subtract(ExpectedMoney.commissionRate(levelAtRun(ledger, p, month)));
                    for (CustomerRecord c : ledger.customers) {
                        if (!c.partner().equals(p)) {
                            continue;
                        }
                        for (InvoiceCheck.Line l : InvoiceCheck.retail(ledger, c, month)) {
                            BigDecimal wholesale = l.amount().multiply(keep).setScale(2, RoundingMode.HALF_UP);
                            (l.airtime() ? airtime : subscriptions).add(wholesale);
                            calls += l.calls();
                        }
                    }
                }
                callsExpected += calls;
                // A month whose net is negative (its customers' cancellations) is a credit note of the run.
                List<Invoice> found = all.stream().filter(i -> p.id().equals(i.partnerId()) && i.customerId() == null
                        && month.equals(i.month()) && i.corrects() == null).toList();
                String who = p.name() + " " + month;
                if (seats.isEmpty() && subscriptions.isEmpty() && airtime.isEmpty()) {
                    if (!found.isEmpty()) {
                        findings.mismatch(who + ": no partner invoice expected, found " + found.get(0).number());
                    }
                    continue;
                }
                if (found.size() != 1) {
                    findings.mismatch(who + ": expected one partner invoice of " + seats.size() + " webinar seats and "
                            + (subscriptions.size() + airtime.size()) + " wholesale lines, found " + found.size());
                    continue;
                }
                Invoice i = found.get(0);
                String doc = who + " partner invoice " + i.number();
                List<BigDecimal> seatLines = new ArrayList<>();
                List<BigDecimal> subscriptionLines = new ArrayList<>();
                List<BigDecimal> airtimeLines = new ArrayList<>();
                for (InvoiceLine l : i.lines()) {
                    switch (l.kind()) {
                        case TRAINING -> seatLines.add(l.amount().amount());
                        case AIRTIME -> {
                            airtimeLines.add(l.amount().amount());
                            callsBilled += InvoiceCheck.callsOf(l);
                        }
                        default -> subscriptionLines.add(l.amount().amount());
                    }
                }
                compareLines(findings, doc, "webinar seats", seatLines, seats);
                compareLines(findings, doc, "wholesale subscription lines", subscriptionLines, subscriptions);
                compareLines(findings, doc, "wholesale airtime lines", nonZero(airtimeLines), nonZero(airtime));
                BigDecimal seatsNet = sum(seats);
                BigDecimal wholesaleNet = sum(subscriptions).add(sum(airtime));
                BigDecimal net = seatsNet.add(wholesaleNet);
                findings.compare(doc, "subscriptions net", i.totals().netSubscriptions().amount(), sum(subscriptions));
                findings.compare(doc, "airtime net", i.totals().netAirtime().amount(), sum(airtime));
                findings.compare(doc, "net", i.totals().net().amount(), net);
                findings.compare(doc, "VAT", i.totals().vat().amount(), ExpectedMoney.vat(net, GERMAN_VAT));
                seatsInvoiced = seatsInvoiced.add(i.totals().netTraining().amount());
                if (!subscriptions.isEmpty() || !airtime.isEmpty()) {
                    wholesaleInvoices++;
                    wholesaleInvoiced = wholesaleInvoiced.add(i.totals().netSubscriptions().amount())
                            .add(i.totals().netAirtime().amount());
                    wholesaleNetOf.put(i.id(), wholesaleNet);
                    partnerOf.put(i.id(), p);
                }
            }
        }
        if (callsBilled != callsExpected) {
            findings.mismatch(callsBilled + " calls billed to CSP partners, " + callsExpected + " expected");
        }
        return new Result(seatsInvoiced, wholesaleInvoiced, wholesaleInvoices, wholesaleNetOf, partnerOf, callsBilled,
                callsExpected);
    }

    /** The partner's level as the simulation noted it at 00:29 on the day of the month's run (the run asks at 00:30). */
    private static String levelAtRun(Ledger ledger, PartnerRecord p, YearMonth month) {
        String level = ledger.levels.getOrDefault(p.id(), new java.util.TreeMap<>()).get(month.plusMonths(1).atDay(1));
        return level == null ? "REGISTERED" : level;
    }

    private static void compareLines(Findings findings, String doc, String what, List<BigDecimal> found,
            List<BigDecimal> expected) {
        List<BigDecimal> a = new ArrayList<>(found);
        List<BigDecimal> b = new ArrayList<>(expected);
        Collections.sort(a);
        Collections.sort(b);
        boolean same = a.size() == b.size();
        for (int n = 0; same && n < a.size(); n++) {
            same = a.get(n).compareTo(b.get(n)) == 0;
        }
        if (!same) {
            findings.mismatch(doc + ": " + what + " " + a + ", expected " + b);
        }
    }

    private static List<BigDecimal> nonZero(List<BigDecimal> amounts) {
        return amounts.stream().filter(a -> a.signum() != 0).toList();
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
