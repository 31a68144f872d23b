package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.PartnerId;
import org.switchboard.billing.Invoice;
import org.switchboard.partners.CommissionLedger;
import org.switchboard.partners.Statement;
import org.switchboard.simulation.ExpectedMoney;
import org.switchboard.simulation.internal.Ledger.CustomerRecord;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * Commission, statements and payouts: each invoice's expected net times the rate of the partner's
 * level at the start of its day, credit notes taken back at the same rate, a returned debit
 * reversing what is left; a statement on the 1st of the open lines up to the month before when
 * they add up to more than zero; each payout batch the sum of the statements it pays.
 */
@Component
class CommissionCheck {

    /** A commission line as the rules make it: when it occurs and how much. */
    private record Commission(PartnerId partner, LocalDate on, BigDecimal amount) {
    }

    /** What was counted: statements made, their total, the commission expected, the payouts' total. */
    record Result(long statements, BigDecimal stated, BigDecimal expected, BigDecimal paidOut, List<String> numbers) {
    }

    private final CommissionLedger commissions;

    CommissionCheck(CommissionLedger commissions) {
        this.commissions = commissions;
    }

    Result check(Ledger ledger, InvoiceCheck.Result invoiced, Map<UUID, Invoice> byId, boolean exclusive,
            Findings findings) {
        List<Commission> lines = lines(ledger, invoiced, byId);
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
                    open.removeIf(l -> l.partner().equals(p.id()) && !l.on().isAfter(end));
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
                    findings.mismatch(p.name() + ": two statements of " + s.period());
                }
                statementNumbers.add(s.number());
                stated = stated.add(s.total().amount());
                statementCount++;
                if (s.status() != Statement.Status.PAID
                        && !s.issuedOn().isAfter(ledger.settings.to().plusMonths(1).atDay(1))
                        && ledger.payouts.stream().anyMatch(b -> !b.on().isBefore(s.issuedOn()))) {
                    findings.mismatch(p.name() + ": statement " + s.number() + " issued but not paid out");
                }
            }
            Map<YearMonth, BigDecimal> want = statements.getOrDefault(p.id(), Map.of());
            Set<YearMonth> periods = new HashSet<>(made.keySet());
            periods.addAll(want.keySet());
            for (YearMonth period : new TreeSet<>(periods)) {
                BigDecimal a = made.get(period);
                BigDecimal b = want.get(period);
                if (a == null || b == null || a.compareTo(b) != 0) {
                    findings.mismatch(p.name() + " statement " + period + ": " + a + ", expected " + b);
                }
            }
            want.forEach((period, total) -> expectedPayouts.merge(period.plusMonths(1).atDay(1), total, BigDecimal::add));
        }
        BigDecimal paidOut = BigDecimal.ZERO;
        for (Ledger.Payout b : ledger.payouts) {
            paidOut = paidOut.add(b.total());
            BigDecimal want = expectedPayouts.getOrDefault(b.on(), BigDecimal.ZERO);
            if (exclusive ? b.total().compareTo(want) != 0 : b.total().compareTo(want) < 0) {
                findings.mismatch("payout batch of " + b.on() + ": " + b.total() + ", expected " + want);
            }
        }
        for (Map.Entry<LocalDate, BigDecimal> e : expectedPayouts.entrySet()) {
            if (ledger.payouts.stream().noneMatch(b -> b.on().equals(e.getKey()))) {
                findings.mismatch("no payout batch on " + e.getKey() + ", expected " + e.getValue());
            }
        }
        return new Result(statementCount, stated, commissionTotal, paidOut, statementNumbers);
    }

    /** The commission lines the rules make: earned on each invoice, taken back by credits and returns. */
    private static List<Commission> lines(Ledger ledger, InvoiceCheck.Result invoiced, Map<UUID, Invoice> byId) {
        List<Commission> lines = new ArrayList<>();
        Map<UUID, BigDecimal> rateOf = new HashMap<>();
        Map<UUID, BigDecimal> earned = new HashMap<>();
        Map<UUID, LocalDate> returnedOn = new HashMap<>();
        ledger.returns.forEach(r -> returnedOn.put(r.invoiceId(), r.on()));
        for (Map.Entry<UUID, BigDecimal> e : invoiced.expectedNetOf().entrySet()) {
            Invoice i = byId.get(e.getKey());
            CustomerRecord c = invoiced.customerOf().get(e.getKey());
            LocalDate on = LocalDate.ofInstant(i.finalisedAt(), ledger.zone);
            String level = levelOn(ledger, c.partner().id(), on);
            BigDecimal rate = ExpectedMoney.commissionRate(level);
            BigDecimal amount = ExpectedMoney.commission(e.getValue(), rate);
            rateOf.put(i.id(), rate);
            earned.put(i.id(), amount);
            lines.add(new Commission(c.partner().id(), on, amount));
        }
        for (Ledger.Credited cr : ledger.credits) {
            CustomerRecord c = invoiced.customerOf().get(cr.invoiceId());
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
            CustomerRecord c = invoiced.customerOf().get(r.invoiceId());
            BigDecimal left = earned.getOrDefault(r.invoiceId(), BigDecimal.ZERO);
            if (c != null && left.signum() > 0) {
                lines.add(new Commission(c.partner().id(), r.on(), left.negate()));
            }
        }
        return lines;
    }

    private static String levelOn(Ledger ledger, PartnerId partner, LocalDate day) {
        TreeMap<LocalDate, String> known = ledger.levels.get(partner);
        if (known == null) {
            return "REGISTERED";
        }
        Map.Entry<LocalDate, String> e = known.floorEntry(day);
        return e == null ? "REGISTERED" : e.getValue();
    }
}
