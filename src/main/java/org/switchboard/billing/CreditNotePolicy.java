package org.switchboard.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.switchboard.catalog.Money;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.InvalidInputException.Violation;
import org.switchboard.platform.RefusedException;

/**
 * What an operator's credit note against a finalised invoice may take back: per line at most what
 * is left of it after earlier credit notes, in all at most the invoice's net left; or the whole
 * rest of the invoice at once. A line that is itself a credit (a pro-rata credit) is only taken
 * back with the whole invoice. The credit note has the invoice's VAT treatment; its lines are the
 * credited amounts, negative, each naming the invoice line it corrects.
 */
public final class CreditNotePolicy {

    public static final int MAX_REASON = 500;

    /** The operator's request: a reason, and either the whole rest of the invoice or amounts of lines. */
    public record Request(String reason, Boolean whole, List<LineCredit> lines) {

        public boolean wholeInvoice() {
            return Boolean.TRUE.equals(whole);
        }
    }

    /** Take back {@code amount} (net, positive, in EUR) of the invoice's line number {@code line} (1, 2, ...). */
    public record LineCredit(Integer line, BigDecimal amount) {
    }

    /** The credit note's lines and, for each, the number of the invoice line it credits. */
    public record Composed(List<InvoiceLine> lines, List<Integer> positions) {
    }

    private CreditNotePolicy() {
    }

    /** The request's form: answered 400 naming every field at fault. */
    public static void check(Request request) {
        if (request == null) {
            throw new InvalidInputException("reason", "Send a reason and either \"whole\": true or the lines to credit.");
        }
        List<Violation> faults = new ArrayList<>();
        if (request.reason() == null || request.reason().isBlank()) {
            faults.add(new Violation("reason", "Give the reason for the credit note: it is printed on it."));
        } else if (request.reason().trim().length() > MAX_REASON) {
            faults.add(new Violation("reason", "The reason must be at most " + MAX_REASON + " characters."));
        }
        boolean hasLines = request.lines() != null && !request.lines().isEmpty();
        if (request.wholeInvoice() == hasLines) {
            faults.add(new Violation("lines", hasLines
                    ? "Credit either the whole invoice or some lines, not both."
                    : "Name the lines to credit, or credit the whole invoice."));
        }
        if (hasLines) {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < request.lines().size(); i++) {
                LineCredit l = request.lines().get(i);
                String at = "lines[" + i + "]";
                if (l == null) {
                    faults.add(new Violation(at, "A line to credit needs its line number and amount."));
                    continue;
                }
                if (l.line() == null || l.line() < 1) {
                    faults.add(new Violation(at + ".line", "The line number must be 1 or more (as on the invoice)."));
                } else if (!seen.add(l.line())) {
                    faults.add(new Violation(at + ".line", "Line " + l.line() + " is named twice."));
                }
                if (l.amount() == null) {
                    faults.add(new Violation(at + ".amount", "The amount to credit is missing."));
                } else if (l.amount().signum() <= 0) {
                    faults.add(new Violation(at + ".amount", "The amount to credit must be more than 0 (net, in EUR)."));
                } else if (l.amount().stripTrailingZeros().scale() > 2) {
                    faults.add(new Violation(at + ".amount", "The amount to credit has at most two decimals (cents)."));
                }
            }
        }
        if (!faults.isEmpty()) {
            throw new InvalidInputException(faults);
        }
    }

    /**
     * The lines of a credit note against {@code invoice}, given what earlier credit notes took back
     * per line ({@code credited}: line number to their signed sum, negative for a positive line).
     * Refused (422) when the invoice is a credit note, a line does not exist, or more is asked than is left.
     */
    public static Composed compose(Invoice invoice, Map<Integer, BigDecimal> credited, Request request) {
        check(request);
        if (invoice.kind() == Invoice.Kind.CREDIT_NOTE) {
            throw new RefusedException("invoice", invoice.number() + " is a credit note: only invoices can be credited.");
        }
        List<InvoiceLine> lines = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Money left = invoice.totals().net();
        for (BigDecimal c : credited.values()) {
            left = left.plus(Money.euros(c));
        }
        if (request.wholeInvoice()) {
            for (int p = 1; p <= invoice.lines().size(); p++) {
                Money rest = rest(invoice, credited, p);
                if (rest.amount().signum() != 0) {
                    lines.add(credit(invoice, p, rest));
                    positions.add(p);
                }
            }
            if (lines.isEmpty() || !left.greaterThanZero()) {
                throw new RefusedException("whole", "Invoice " + invoice.number()
                        + " has been credited in full already: nothing is left to credit.");
            }
            return new Composed(lines, positions);
        }
        Money total = Money.zero(Money.EUR);
        for (int i = 0; i < request.lines().size(); i++) {
            LineCredit asked = request.lines().get(i);
            int p = asked.line();
            String at = "lines[" + i + "]";
            if (p > invoice.lines().size()) {
                throw new RefusedException(at + ".line", "Invoice " + invoice.number() + " has no line " + p
                        + ": its lines are numbered 1 to " + invoice.lines().size() + ".");
            }
            InvoiceLine original = invoice.lines().get(p - 1);
            if (!original.amount().greaterThanZero()) {
                throw new RefusedException(at + ".line", "Line " + p + " of invoice " + invoice.number()
                        + " is itself a credit (" + original.amount().amount()
                        + " EUR): it is only taken back by crediting the whole invoice.");
            }
            Money amount = Money.euros(asked.amount());
            Money rest = rest(invoice, credited, p);
            if (rest.isLessThan(amount)) {
                throw new RefusedException(at + ".amount", "Line " + p + " of invoice " + invoice.number()
                        + " can be credited by at most " + max(rest) + " EUR (" + original.amount().amount()
                        + " invoiced, " + original.amount().minus(rest).amount() + " credited before), not "
                        + amount.amount() + ".");
            }
            lines.add(credit(invoice, p, amount));
            positions.add(p);
            total = total.plus(amount);
        }
        if (left.isLessThan(total)) {
            throw new RefusedException("lines", "Invoice " + invoice.number() + " can be credited by at most "
                    + max(left) + " EUR net in all (its net less earlier credit notes), not " + total.amount() + ".");
        }
        return new Composed(lines, positions);
    }

    /**
     * What the credit note says about money already paid: a direct debit submitted or collected is
     * not touched, the credited amount is refunded by bank transfer; after a returned debit it
     * lowers what is open; without a debit it is set off, or refunded if paid by transfer.
     */
    public static String settlement(Invoice invoice, String paymentStatus, String accountEnding, Money gross) {
        String amount = gross.amount().negate().toPlainString() + " EUR";
        if ("SUBMITTED".equals(paymentStatus) || "COLLECTED".equals(paymentStatus)) {
            return "Invoice " + invoice.number() + " is collected by SEPA direct debit as issued. We refund the credited "
                    + amount + " by bank transfer to the account ending " + accountEnding + " within 14 days.";
        }
        if ("RETURNED".equals(paymentStatus)) {
            return afterReturn(invoice.number(), gross);
        }
        return "The credited " + amount + " is set off against invoice " + invoice.number()
                + "; if you have paid it already, we refund it by bank transfer within 14 days.";
    }

    /**
     * What a credit note says of the money now: what it said when issued, unless the corrected
     * invoice's direct debit was returned since, when nothing was paid, so nothing is refunded: the
     * credited amount lowers what is still open on the invoice.
     */
    public static String settlementNow(String issued, String correctedNumber, String paymentStatusNow, Money gross) {
        return "RETURNED".equals(paymentStatusNow) ? afterReturn(correctedNumber, gross) : issued;
    }

    private static String afterReturn(String correctedNumber, Money gross) {
        return "The direct debit of invoice " + correctedNumber + " was returned: the credited "
                + gross.amount().negate().toPlainString() + " EUR lowers the amount still open on it.";
    }

    /** What is left of line {@code p} (1-based), with its sign: the line plus the credit notes' signed lines. */
    static Money rest(Invoice invoice, Map<Integer, BigDecimal> credited, int p) {
        Money line = invoice.lines().get(p - 1).amount();
        BigDecimal taken = credited.get(p);
        return taken == null ? line : line.plus(Money.euros(taken));
    }

    private static InvoiceLine credit(Invoice invoice, int p, Money amount) {
        InvoiceLine original = invoice.lines().get(p - 1);
        String quantity = amount.equals(original.amount()) ? original.quantity()
                : amount + " of " + original.amount(); // with the currency, as every amount a person reads
        String description = "Credit for line " + p + " of invoice " + invoice.number() + ": " + original.description();
        return new InvoiceLine(original.instanceId(), original.kind(),
                description.length() > 400 ? description.substring(0, 399) + "…" : description, original.periodFrom(),
                original.periodTo(), quantity, Money.zero(Money.EUR).minus(amount));
    }

    private static String max(Money m) {
        return m.greaterThanZero() ? m.amount().toPlainString() : "0.00";
    }
}
