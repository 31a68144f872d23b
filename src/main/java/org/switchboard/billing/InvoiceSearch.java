package org.switchboard.billing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.Partner;
import org.switchboard.billing.internal.Invoices;
import org.switchboard.catalog.Money;

/**
 * Operator: every invoice and credit note, filtered by month, status, customer, partner and gross
 * amount, and searched by number or recipient; newest first, at most {@value #MAX_ROWS} rows shown
 * with the count and sum of all that match.
 */
@Service
public class InvoiceSearch {

    public static final int MAX_ROWS = 500;

    /**
     * What to look for; null or blank means any. {@code status}: {@code SUBMITTED}, {@code COLLECTED}
     * or {@code RETURNED} (the direct debit), {@code TRANSFER} (paid by bank transfer: no direct
     * debit) or {@code CREDIT_NOTE}.
     */
    public record Filter(YearMonth month, String status, UUID customer, UUID partner, BigDecimal minGross,
            BigDecimal maxGross, String text) {
    }

    /** An invoice with the names an operator reads it by. */
    public record Row(Invoice invoice, String customerName, String partnerName, String paymentStatus) {

        /** The status in one word set: the direct debit's, else "credit note" or "bank transfer". */
        public String status() {
            if (invoice.kind() == Invoice.Kind.CREDIT_NOTE) {
                return "CREDIT_NOTE";
            }
            return paymentStatus == null ? "TRANSFER" : paymentStatus;
        }
    }

    public record Result(List<Row> rows, int matching, Money gross) {
    }

    private final Invoices invoices;
    private final AccountManagement accounts;

    InvoiceSearch(Invoices invoices, AccountManagement accounts) {
        this.invoices = invoices;
        this.accounts = accounts;
    }

    @Transactional(readOnly = true)
    public Result search(CurrentUser operator, Filter f) {
        operator.requireOperator("see every invoice");
        Map<UUID, Customer> customers = new HashMap<>();
        accounts.customers(operator).forEach(c -> customers.put(c.id().value(), c));
        Map<UUID, String> partners = new HashMap<>();
        accounts.partners(operator).forEach(p -> partners.put(p.id().value(), p.name()));
        Map<UUID, String> statuses = invoices.paymentStatuses();
        String text = f.text() == null ? "" : f.text().trim().toLowerCase(Locale.ROOT);
        List<Row> matching = invoices.all().stream().map(i -> row(i, customers, partners, statuses))
                .filter(r -> f.month() == null || r.invoice().month().equals(f.month()))
                .filter(r -> blank(f.status()) || r.status().equalsIgnoreCase(f.status().trim()))
                .filter(r -> f.customer() == null || (r.invoice().customerId() != null
                        && r.invoice().customerId().value().equals(f.customer())))
                .filter(r -> f.partner() == null || f.partner().equals(partnerOf(r.invoice(), customers)))
                .filter(r -> f.minGross() == null || r.invoice().totals().gross().amount().compareTo(f.minGross()) >= 0)
                .filter(r -> f.maxGross() == null || r.invoice().totals().gross().amount().compareTo(f.maxGross()) <= 0)
                .filter(r -> text.isEmpty() || r.invoice().number().toLowerCase(Locale.ROOT).contains(text)
                        || r.invoice().billTo().name().toLowerCase(Locale.ROOT).contains(text))
                .sorted(Comparator.comparing((Row r) -> r.invoice().finalisedAt()).reversed()
                        .thenComparing(r -> r.invoice().number(), Comparator.reverseOrder()))
                .toList();
        Money gross = matching.stream().map(r -> r.invoice().totals().gross()).reduce(Money.zero(Money.EUR), Money::plus);
        return new Result(matching.stream().limit(MAX_ROWS).toList(), matching.size(), gross);
    }

    /** Partners for the filter's choices, by name. */
    @Transactional(readOnly = true)
    public List<Partner> partners(CurrentUser operator) {
        return accounts.partners(operator).stream().sorted(Comparator.comparing(Partner::name)).toList();
    }

    private static Row row(Invoice i, Map<UUID, Customer> customers, Map<UUID, String> partners, Map<UUID, String> statuses) {
        Customer c = i.customerId() == null ? null : customers.get(i.customerId().value());
        UUID partner = partnerOf(i, customers);
        return new Row(i, c == null ? null : c.name(), partner == null ? null : partners.get(partner), statuses.get(i.id()));
    }

    /** The partner an invoice belongs to: its recipient, or the partner of the customer it is addressed to. */
    private static UUID partnerOf(Invoice i, Map<UUID, Customer> customers) {
        if (i.partnerId() != null) {
            return i.partnerId().value();
        }
        Customer c = i.customerId() == null ? null : customers.get(i.customerId().value());
        return c == null || c.partnerId() == null ? null : c.partnerId().value();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
