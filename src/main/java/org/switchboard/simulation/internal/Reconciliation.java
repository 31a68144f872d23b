package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceLine;
import org.switchboard.billing.InvoiceManagement;
import org.switchboard.connector.EmergencyNumbers;
import org.switchboard.partners.CommissionLedger;
import org.switchboard.partners.Statement;
import org.switchboard.simulation.ExpectedMoney;
import org.switchboard.simulation.SimulationReport;
import org.switchboard.simulation.internal.Ledger.CallMade;
import org.switchboard.simulation.internal.Ledger.Change;
import org.switchboard.simulation.internal.Ledger.CustomerRecord;
import org.switchboard.simulation.internal.Ledger.InstanceRecord;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * Computes from the ledger alone, with {@link ExpectedMoney}'s arithmetic, what every invoice,
 * credit note, commission statement and payout must contain, and compares it with what the
 * application made, to the cent. Reads the application's documents through the modules' APIs.
 */
@Component
class Reconciliation {

    private static final Pattern CALLS = Pattern.compile("^(\\d+) calls?");
    private static final Pattern INVOICE_NUMBER = Pattern.compile("^(\\d{4})-(\\d{6})$");
    private static final Pattern CREDIT_NOTE_NUMBER = Pattern.compile("^CN-(\\d{4})-(\\d{6})$");
    private static final Pattern STATEMENT_NUMBER = Pattern.compile("^PC-(\\d{4})-(\\d{6})$");

    private final InvoiceManagement invoices;
    private final CommissionLedger commissions;
    private final AccountManagement accounts;

    Reconciliation(InvoiceManagement invoices, CommissionLedger commissions, AccountManagement accounts) {
        this.invoices = invoices;
        this.commissions = commissions;
        this.accounts = accounts;
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

    /** A commission line as the rules make it: when it occurs and how much. */
    private record Commission(PartnerId partner, LocalDate on, BigDecimal amount) {
    }

    SimulationReport reconcile(Ledger ledger, java.time.Duration took, boolean exclusive) {
        List<String> mismatches = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>(ledger.counts);
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        BigDecimal invoicedNet = BigDecimal.ZERO;
        BigDecimal invoicedGross = BigDecimal.ZERO;
        BigDecimal airtimeNet = BigDecimal.ZERO;
        long invoiceCount = 0;
        long callsBilled = 0;
        long callsExpected = 0;

        Set<CustomerId> mine = new HashSet<>();
        ledger.customers.forEach(c -> mine.add(c.id()));
        Map<UUID, Invoice> byId = new HashMap<>();
        Map<UUID, BigDecimal> expectedNetOf = new HashMap<>();
        Map<UUID, CustomerRecord> customerOf = new HashMap<>();
        List<Invoice> all = invoices.invoices(World.operator());
        all.forEach(i -> byId.put(i.id(), i));

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
                        mismatches.add(who + ": no invoice expected, found " + found.get(0).number());
                    }
                    continue;
                }
                if (found.size() != 1) {
                    mismatches.add(who + ": expected one invoice of net " + e.net() + ", found " + found.size());
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
                    mismatches.add(doc + ": subscription lines " + lines + ", expected " + expectedLines);
                }
                compare(mismatches, doc, "subscriptions net", i.totals().netSubscriptions().amount(), e.subscriptions());
                compare(mismatches, doc, "airtime net", i.totals().netAirtime().amount(), e.airtime());
                compare(mismatches, doc, "net", i.totals().net().amount(), e.net());
                compare(mismatches, doc, "VAT", i.totals().vat().amount(), e.vat());
                compare(mismatches, doc, "gross", i.totals().gross().amount(), e.net().add(e.vat()));
                if (calls != e.calls()) {
                    mismatches.add(doc + ": " + calls + " calls billed, expected " + e.calls());
                }
                invoicedNet = invoicedNet.add(i.totals().net().amount());
                invoicedGross = invoicedGross.add(i.totals().gross().amount());
                airtimeNet = airtimeNet.add(i.totals().netAirtime().amount());
            }
        }

        // Credit notes: exactly the simulation's, each the credited amount with its VAT.
        BigDecimal credited = BigDecimal.ZERO;
        Set<UUID> expectedNotes = new HashSet<>();
        for (Ledger.Credited cr : ledger.credits) {
            expectedNotes.add(cr.creditNoteId());
            Invoice note = byId.get(cr.creditNoteId());
            Invoice original = byId.get(cr.invoiceId());
            if (note == null || original == null) {
                mismatches.add("credit note " + cr.creditNoteId() + " of invoice " + cr.invoiceId() + " not found");
                continue;
            }
            CustomerRecord c = customerOf.get(original.id());
            BigDecimal pct = c == null ? BigDecimal.valueOf(19) : ExpectedMoney.vatPercent(c.country(), c.vatId());
            String doc = "credit note " + note.number() + " of " + original.number();
            compare(mismatches, doc, "net", note.totals().net().amount(), cr.amount().negate());
            compare(mismatches, doc, "VAT", note.totals().vat().amount(), ExpectedMoney.vat(cr.amount(), pct).negate());
            credited = credited.add(cr.amount());
        }
        for (Invoice i : all) {
            if (i.corrects() != null && i.customerId() != null && mine.contains(i.customerId())
                    && !expectedNotes.contains(i.id())) {
                mismatches.add("credit note " + i.number() + " the simulation did not issue");
            }
        }

        // Commission: rate of the level at the start of the invoice's day times the expected net.
        List<Commission> lines = new ArrayList<>();
        Map<UUID, BigDecimal> rateOf = new HashMap<>();
        Map<UUID, BigDecimal> earned = new HashMap<>();
        Map<UUID, LocalDate> returnedOn = new HashMap<>();
        ledger.returns.forEach(r -> returnedOn.put(r.invoiceId(), r.on()));
        for (Map.Entry<UUID, BigDecimal> e : expectedNetOf.entrySet()) {
            Invoice i = byId.get(e.getKey());
            CustomerRecord c = customerOf.get(e.getKey());
            LocalDate on = LocalDate.ofInstant(i.finalisedAt(), ledger.zone);
            String level = levelOn(ledger, c.partner().id(), on);
            BigDecimal rate = ExpectedMoney.commissionRate(level);
            BigDecimal amount = ExpectedMoney.commission(e.getValue(), rate);
            rateOf.put(i.id(), rate);
            earned.put(i.id(), amount);
            lines.add(new Commission(c.partner().id(), on, amount));
        }
        for (Ledger.Credited cr : ledger.credits) {
            CustomerRecord c = customerOf.get(cr.invoiceId());
            LocalDate on = LocalDate.ofInstant(cr.at(), ledger.zone);
            LocalDate returned = returnedOn.get(cr.invoiceId());
            if (c == null || (returned != null && !returned.isAfter(on))) {
                continue;
            }
            BigDecimal amount = ExpectedMoney.commission(cr.amount().negate(), rateOf.get(cr.invoiceId()));
            earned.merge(cr.invoiceId(), amount, BigDecimal::add);
            lines.add(new Commission(c.partner().id(), on, amount));
        }
        for (Ledger.Returned r : ledger.returns) {
            CustomerRecord c = customerOf.get(r.invoiceId());
            BigDecimal left = earned.getOrDefault(r.invoiceId(), BigDecimal.ZERO);
            if (c != null && left.signum() > 0) {
                lines.add(new Commission(c.partner().id(), r.on(), left.negate()));
            }
        }
        // Statements: on the 1st, the open lines up to the month before, when they add up to more than zero.
        Map<PartnerId, Map<YearMonth, BigDecimal>> statements = new HashMap<>();
        List<Commission> open = new ArrayList<>(lines);
        BigDecimal commissionTotal = BigDecimal.ZERO;
        for (YearMonth period : ledger.invoicedMonths) {
            LocalDate end = period.atEndOfMonth();
            for (PartnerRecord p : ledger.partners) {
                List<Commission> due = open.stream().filter(l -> l.partner().equals(p.id()) && !l.on().isAfter(end))
                        .toList();
                BigDecimal total = due.stream().map(Commission::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (total.signum() > 0) {
                    statements.computeIfAbsent(p.id(), x -> new TreeMap<>()).put(period, total);
                    open.removeAll(due);
                    commissionTotal = commissionTotal.add(total);
                }
            }
        }
        BigDecimal stated = BigDecimal.ZERO;
        long statementCount = 0;
        List<String> statementNumbers = new ArrayList<>();
        Map<LocalDate, BigDecimal> expectedPayouts = new TreeMap<>();
        for (PartnerRecord p : ledger.partners) {
            Map<YearMonth, BigDecimal> made = new TreeMap<>();
            for (Statement s : commissions.statements(World.operator(), p.id())) {
                if (made.put(s.period(), s.total().amount()) != null) {
                    mismatches.add(p.name() + ": two statements of " + s.period());
                }
                statementNumbers.add(s.number());
                stated = stated.add(s.total().amount());
                statementCount++;
                if (s.status() != Statement.Status.PAID
                        && !s.issuedOn().isAfter(ledger.settings.to().plusMonths(1).atDay(1))
                        && ledger.payouts.stream().anyMatch(b -> !b.on().isBefore(s.issuedOn()))) {
                    mismatches.add(p.name() + ": statement " + s.number() + " issued but not paid out");
                }
            }
            Map<YearMonth, BigDecimal> want = statements.getOrDefault(p.id(), Map.of());
            for (YearMonth period : new TreeSet<>(union(made.keySet(), want.keySet()))) {
                BigDecimal a = made.get(period);
                BigDecimal b = want.get(period);
                if (a == null || b == null || a.compareTo(b) != 0) {
                    mismatches.add(p.name() + " statement " + period + ": " + a + ", expected " + b);
                }
            }
            want.forEach((period, total) -> expectedPayouts.merge(period.plusMonths(1).atDay(1), total, BigDecimal::add));
        }
        BigDecimal paidOut = BigDecimal.ZERO;
        for (Ledger.Payout b : ledger.payouts) {
            paidOut = paidOut.add(b.total());
            BigDecimal want = expectedPayouts.getOrDefault(b.on(), BigDecimal.ZERO);
            if (exclusive ? b.total().compareTo(want) != 0 : b.total().compareTo(want) < 0) {
                mismatches.add("payout batch of " + b.on() + ": " + b.total() + ", expected " + want);
            }
        }
        for (Map.Entry<LocalDate, BigDecimal> e : expectedPayouts.entrySet()) {
            if (ledger.payouts.stream().noneMatch(b -> b.on().equals(e.getKey()))) {
                mismatches.add("no payout batch on " + e.getKey() + ", expected " + e.getValue());
            }
        }

        // Numbers without gaps: invoices and credit notes of every year of the period (all of the database).
        gapless(mismatches, "invoice", INVOICE_NUMBER, all.stream().map(Invoice::number).toList(), ledger);
        gapless(mismatches, "credit note", CREDIT_NOTE_NUMBER, all.stream().map(Invoice::number).toList(), ledger);
        if (exclusive) {
            gapless(mismatches, "statement", STATEMENT_NUMBER, statementNumbers, ledger);
        }
        if (callsBilled != callsExpected) {
            mismatches.add(callsBilled + " calls billed, " + callsExpected + " expected");
        }
        mismatches.addAll(ledger.poolViolations);

        Map<String, Long> levels = new TreeMap<>();
        for (PartnerRecord p : ledger.partners) {
            levels.merge("partners now " + accounts.partner(World.operator(), p.id()).level().label(), 1L, Long::sum);
        }
        counts.putAll(levels);
        counts.put("invoices", invoiceCount);
        counts.put("calls billed", callsBilled);
        counts.put("statements", statementCount);
        counts.put("payout batches", (long) ledger.payouts.size());
        totals.put("invoiced net", invoicedNet);
        totals.put("of which airtime", airtimeNet);
        totals.put("invoiced gross", invoicedGross);
        totals.put("credited net", credited);
        totals.put("commission stated", stated);
        totals.put("commission expected", commissionTotal);
        totals.put("paid out", paidOut);
        return new SimulationReport(ledger.settings, counts, totals, mismatches, took);
    }

    /** What the customer's invoice of {@code month} must hold, from the ledger. */
    Expected expected(Ledger ledger, CustomerRecord c, YearMonth month) {
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
        for (CallMade call : ledger.calls) {
            if (!own.contains(call.instance()) || call.start().isBefore(start) || !call.start().isBefore(end)
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

    private static String levelOn(Ledger ledger, PartnerId partner, LocalDate day) {
        TreeMap<LocalDate, String> known = ledger.levels.get(partner);
        if (known == null) {
            return "REGISTERED";
        }
        Map.Entry<LocalDate, String> e = known.floorEntry(day);
        return e == null ? "REGISTERED" : e.getValue();
    }

    private static Set<YearMonth> union(Set<YearMonth> a, Set<YearMonth> b) {
        Set<YearMonth> u = new HashSet<>(a);
        u.addAll(b);
        return u;
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

    private static void compare(List<String> mismatches, String doc, String what, BigDecimal made, BigDecimal expected) {
        if (made.compareTo(expected) != 0) {
            mismatches.add(doc + ": " + what + " " + made + ", expected " + expected + " (difference "
                    + made.subtract(expected) + ")");
        }
    }

    private static void gapless(List<String> mismatches, String kind, Pattern pattern, List<String> numbers,
            Ledger ledger) {
        Map<Integer, TreeSet<Integer>> byYear = new TreeMap<>();
        for (String n : numbers) {
            Matcher m = n == null ? null : pattern.matcher(n);
            if (m != null && m.matches()) {
                byYear.computeIfAbsent(Integer.parseInt(m.group(1)), y -> new TreeSet<>()).add(Integer.parseInt(m.group(2)));
            }
        }
        for (int year = ledger.settings.from().getYear(); year <= ledger.settings.to().plusMonths(1).getYear(); year++) {
            TreeSet<Integer> seen = byYear.get(year);
            if (seen == null) {
                continue;
            }
            if (seen.first() != 1 || seen.last() != seen.size()) {
                mismatches.add(kind + " numbers of " + year + " have gaps: " + seen.size() + " numbers from "
                        + seen.first() + " to " + seen.last());
            }
        }
        Objects.requireNonNull(kind);
    }
}
