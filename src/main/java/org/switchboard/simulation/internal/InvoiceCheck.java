package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceLine;
import org.switchboard.connector.EmergencyNumbers;
import org.switchboard.simulation.ExpectedMoney;
import org.switchboard.simulation.internal.Ledger.CallMade;
import org.switchboard.simulation.internal.Ledger.Change;
import org.switchboard.simulation.internal.Ledger.CustomerRecord;
import org.switchboard.simulation.internal.Ledger.InstanceRecord;

/**
 * The customers' invoices: per customer and month one invoice (none when nothing was charged, a
 * credit note of the run when the month's net is negative)
 * whose subscription lines, airtime, count of calls, VAT and gross are what the ledger gives.
 */
final class InvoiceCheck {

    private static final Pattern CALLS = Pattern.compile("^([\\d,]+) calls?");

    /** The count of calls an airtime line's quantity gives ("12 calls, 34:00 min"). */
    static long callsOf(InvoiceLine l) {
        Matcher m = CALLS.matcher(l.quantity() == null ? "" : l.quantity());
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }

    /** One expected customer invoice: its subscription line amounts, airtime, calls billed, VAT. */
    record Expected(List<BigDecimal> subscriptionLines, BigDecimal airtime, long calls, BigDecimal vatPercent) {

        BigDecimal subscriptions() {
            return subscriptionLines.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal net() {
            return subscriptions().add(airtime);
        }

        BigDecimal vat() {
            return ExpectedMoney.vat(net(), vatPercent);
        }

        boolean empty() {
            return subscriptionLines.isEmpty() && calls == 0;
        }
    }

    /** The invoices found as expected: each one's expected net and customer, by invoice id; what was counted. */
    record Result(Map<UUID, BigDecimal> expectedNetOf, Map<UUID, CustomerRecord> customerOf, long invoices,
            long callsBilled, long callsExpected, BigDecimal net, BigDecimal airtime, BigDecimal gross) {
    }

    private InvoiceCheck() {
    }

    static Result check(Ledger ledger, List<Invoice> all, Findings findings) {
        BigDecimal invoicedNet = BigDecimal.ZERO;
        BigDecimal invoicedGross = BigDecimal.ZERO;
        BigDecimal airtimeNet = BigDecimal.ZERO;
        long invoiceCount = 0;
        long callsBilled = 0;
        long callsExpected = 0;
        Set<CustomerId> mine = new HashSet<>();
        ledger.customers.forEach(c -> mine.add(c.id()));
        Map<UUID, BigDecimal> expectedNetOf = new HashMap<>();
        Map<UUID, CustomerRecord> customerOf = new HashMap<>();

        for (YearMonth month : ledger.invoicedMonths) {
            Map<CustomerId, List<Invoice>> made = new HashMap<>();
            for (Invoice i : all) {
                // A month whose net is negative (a credit at a cancellation's term end) is a credit note of the run.
                if (month.equals(i.month()) && i.corrects() == null
                        && i.customerId() != null && mine.contains(i.customerId())) {
                    made.computeIfAbsent(i.customerId(), x -> new ArrayList<>()).add(i);
                }
            }
            for (CustomerRecord c : ledger.customers) {
                List<Invoice> found = made.getOrDefault(c.id(), List.of());
                String who = c.name() + " " + month;
                if (ledger.buysAsCsp(c.partner(), month)) {
                    // Its CSP partner buys the month (PartnerInvoiceCheck): the platform invoices the customer nothing.
                    if (!found.isEmpty()) {
                        findings.mismatch(who + ": invoiced to its CSP partner, found customer invoice "
                                + found.get(0).number());
                    }
                    continue;
                }
                Expected e = expected(ledger, c, month);
                callsExpected += e.calls();
                if (e.empty()) {
                    if (!found.isEmpty()) {
                        findings.mismatch(who + ": no invoice expected, found " + found.get(0).number());
                    }
                    continue;
                }
                if (found.size() != 1) {
                    findings.mismatch(who + ": expected one invoice of net " + e.net() + ", found " + found.size());
                    continue;
                }
                Invoice i = found.get(0);
                invoiceCount++;
                expectedNetOf.put(i.id(), e.net());
                customerOf.put(i.id(), c);
                String doc = who + " invoice " + i.number();
                List<BigDecimal> lines = new ArrayList<>();
                long calls = 0;
                for (InvoiceLine l : i.lines()) {
                    if (l.kind() == InvoiceLine.Kind.AIRTIME) {
                        calls += callsOf(l);
                    } else {
                        lines.add(l.amount().amount());
                    }
                }
                callsBilled += calls;
                List<BigDecimal> expectedLines = new ArrayList<>(e.subscriptionLines());
                Collections.sort(lines);
                Collections.sort(expectedLines);
                if (!sameAmounts(lines, expectedLines)) {
                    findings.mismatch(doc + ": subscription lines " + lines + ", expected " + expectedLines);
                }
                findings.compare(doc, "subscriptions net", i.totals().netSubscriptions().amount(), e.subscriptions());
                findings.compare(doc, "airtime net", i.totals().netAirtime().amount(), e.airtime());
                findings.compare(doc, "net", i.totals().net().amount(), e.net());
                findings.compare(doc, "VAT", i.totals().vat().amount(), e.vat());
                findings.compare(doc, "gross", i.totals().gross().amount(), e.net().add(e.vat()));
                if (calls != e.calls()) {
                    findings.mismatch(doc + ": " + calls + " calls billed, expected " + e.calls());
                }
                invoicedNet = invoicedNet.add(i.totals().net().amount());
                invoicedGross = invoicedGross.add(i.totals().gross().amount());
                airtimeNet = airtimeNet.add(i.totals().netAirtime().amount());
            }
        }
        if (callsBilled != callsExpected) {
            findings.mismatch(callsBilled + " calls billed to customers, " + callsExpected + " expected");
        }
        return new Result(expectedNetOf, customerOf, invoiceCount, callsBilled, callsExpected, invoicedNet,
                airtimeNet, invoicedGross);
    }

    /** A line a retail invoice of the month must hold: a subscription line, or the airtime of one zone of one phone system. */
    record Line(boolean airtime, BigDecimal amount, long calls) {
    }

    /** What the customer's invoice of {@code month} must hold, from the ledger. */
    static Expected expected(Ledger ledger, CustomerRecord c, YearMonth month) {
        List<BigDecimal> subscriptions = new ArrayList<>();
        BigDecimal airtime = BigDecimal.ZERO;
        long calls = 0;
        for (Line l : retail(ledger, c, month)) {
            if (l.airtime()) {
                airtime = airtime.add(l.amount());
                calls += l.calls();
            } else {
                subscriptions.add(l.amount());
            }
        }
        return new Expected(subscriptions, airtime, calls, ExpectedMoney.vatPercent(c.country(), c.vatId()));
    }

    /**
     * The retail lines of the customer's month, per phone system: the pro-rata part of every
     * change in the month, the next month's fee in advance, and per zone the airtime of the answered,
     * non-emergency calls over the trunk made while subscribed, rounded to the cent per zone.
     */
    static List<Line> retail(Ledger ledger, CustomerRecord c, YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay(ledger.zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ledger.zone).toInstant();
        List<Line> lines = new ArrayList<>();
        for (InstanceRecord i : ledger.instances) {
            if (!i.customer.equals(c)) {
                continue;
            }
            int before = 0;
            for (Change ch : i.changes) {
                if (!ch.at().isBefore(start) && ch.at().isBefore(end)) {
                    BigDecimal part = ExpectedMoney.proRata(ExpectedMoney.monthlyNet(before),
                            ExpectedMoney.monthlyNet(ch.concurrentUsers()), ch.at(), ledger.zone);
                    if (part.signum() != 0) {
                        lines.add(new Line(false, part, 0));
                    }
                }
                before = ch.concurrentUsers();
            }
            int next = i.concurrentUsersAt(end.minusNanos(1));
            if (next > 0) {
                lines.add(new Line(false, ExpectedMoney.monthlyNet(next), 0));
            }
            if (i.blockOrderedAt != null) {
                NumberActions.lines(i, month, ledger.block10Price, ledger.zone).forEach(n -> lines.add(new Line(false, n, 0)));
            }
            Map<String, BigDecimal> byZone = new TreeMap<>();
            Map<String, Long> callsByZone = new TreeMap<>();
            for (CallMade call : i.calls) {
                if (call.start().isBefore(start) || !call.start().isBefore(end)
                        || call.answer() == null || EmergencyNumbers.isEmergency(call.to(), "DE")
                        || !i.subscribedAt(call.start())) {
                    continue;
                }
                ExpectedMoney.Zone zone = ExpectedMoney.zoneOf(call.to(), ledger.tariff);
                if (zone == null) {
                    continue;
                }
                byZone.merge(zone.name(), ExpectedMoney.callCharge(zone, call.talkSeconds()), BigDecimal::add);
                callsByZone.merge(zone.name(), 1L, Long::sum);
            }
            byZone.forEach((zone, charge) -> lines.add(new Line(true, ExpectedMoney.cents(charge),
                    callsByZone.get(zone))));
        }
        return lines;
    }

    private static boolean sameAmounts(List<BigDecimal> a, List<BigDecimal> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).compareTo(b.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }
}
