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
 * The customers' invoices: per customer and month one invoice (none when nothing was charged)
 * whose subscription lines, airtime, count of calls, VAT and gross are what the ledger gives.
 */
final class InvoiceCheck {

    private static final Pattern CALLS = Pattern.compile("^(\\d+) calls?");

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
                if (month.equals(i.month()) && i.kind() == Invoice.Kind.INVOICE && i.corrects() == null
                        && i.customerId() != null && mine.contains(i.customerId())) {
                    made.computeIfAbsent(i.customerId(), x -> new ArrayList<>()).add(i);
                }
            }
            for (CustomerRecord c : ledger.customers) {
                Expected e = expected(ledger, c, month);
                callsExpected += e.calls();
                List<Invoice> found = made.getOrDefault(c.id(), List.of());
                String who = c.name() + " " + month;
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
                        Matcher m = CALLS.matcher(l.quantity() == null ? "" : l.quantity());
                        calls += m.find() ? Long.parseLong(m.group(1)) : 0;
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
            findings.mismatch(callsBilled + " calls billed, " + callsExpected + " expected");
        }
        return new Result(expectedNetOf, customerOf, invoiceCount, callsBilled, callsExpected, invoicedNet,
                airtimeNet, invoicedGross);
    }

    /** What the customer's invoice of {@code month} must hold, from the ledger. */
    static Expected expected(Ledger ledger, CustomerRecord c, YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay(ledger.zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ledger.zone).toInstant();
        List<BigDecimal> lines = new ArrayList<>();
        Set<InstanceRecord> own = new HashSet<>();
        for (InstanceRecord i : ledger.instances) {
            if (!i.customer.equals(c)) {
                continue;
            }
            own.add(i);
            int before = 0;
            for (Change ch : i.changes) {
                if (!ch.at().isBefore(start) && ch.at().isBefore(end)) {
                    BigDecimal part = ExpectedMoney.proRata(ExpectedMoney.monthlyNet(before),
                            ExpectedMoney.monthlyNet(ch.concurrentUsers()), ch.at(), ledger.zone);
                    if (part.signum() != 0) {
                        lines.add(part);
                    }
                }
                before = ch.concurrentUsers();
            }
            int next = i.concurrentUsersAt(end.minusNanos(1));
            if (next > 0) {
                lines.add(ExpectedMoney.monthlyNet(next));
            }
        }
        Map<String, BigDecimal> byZone = new TreeMap<>();
        long calls = 0;
        for (CallMade call : own.stream().flatMap(i -> i.calls.stream()).toList()) {
            if (call.start().isBefore(start) || !call.start().isBefore(end)
                    || call.answer() == null || EmergencyNumbers.isEmergency(call.to(), "DE")
                    || !call.instance().subscribedAt(call.start())) {
                continue;
            }
            ExpectedMoney.Zone zone = ExpectedMoney.zoneOf(call.to(), ledger.tariff);
            if (zone == null) {
                continue;
            }
            long talk = call.talkSeconds();
            byZone.merge(zone.name(), ExpectedMoney.callCharge(zone, talk), BigDecimal::add);
            calls++;
        }
        BigDecimal airtime = byZone.values().stream().map(ExpectedMoney::cents).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        return new Expected(lines, ExpectedMoney.cents(airtime), calls,
                ExpectedMoney.vatPercent(c.country(), c.vatId()));
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
