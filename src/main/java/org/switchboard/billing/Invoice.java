package org.switchboard.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;

/**
 * A finalised invoice (or credit note, when the month's net is negative) of one customer for one
 * closed month: its number, the customer's billing address as it was then, the lines and totals.
 * An invoice to a partner (what a CSP partner bought at wholesale for its customers, and the
 * partner's charges such as webinar seats) has no {@code customerId}; {@code partnerId} and the
 * address are the partner's. An operator's credit note against an invoice has the corrected
 * invoice's customer (or partner), address and month and names it in {@code corrects}; a run's
 * invoice has none.
 */
public record Invoice(UUID id, CustomerId customerId, PartnerId partnerId, YearMonth month, Kind kind, String number,
        LocalDate issuedOn, Instant finalisedAt, BillTo billTo, List<InvoiceLine> lines, InvoiceTotals totals,
        Correction corrects) {

    /** An invoice of a run. */
    public Invoice(UUID id, CustomerId customerId, PartnerId partnerId, YearMonth month, Kind kind, String number,
            LocalDate issuedOn, Instant finalisedAt, BillTo billTo, List<InvoiceLine> lines, InvoiceTotals totals) {
        this(id, customerId, partnerId, month, kind, number, issuedOn, finalisedAt, billTo, lines, totals, null);
    }

    /**
     * What a credit note corrects: the invoice (id, number, issue date), the operator's reason, and
     * what happens to money already paid ({@code settlement}, printed on the credit note).
     */
    public record Correction(UUID invoiceId, String number, LocalDate issuedOn, String reason, String settlement) {
    }

    public enum Kind {
        INVOICE("", "380"), CREDIT_NOTE("CN-", "381");

        private final String prefix;
        private final String typeCode;

        Kind(String prefix, String typeCode) {
            this.prefix = prefix;
            this.typeCode = typeCode;
        }

        /** The number series: invoices 2026-000001, credit notes CN-2026-000001, each gapless per year. */
        public String series() {
            return this == INVOICE ? "INV" : "CN";
        }

        public String number(int year, int sequence) {
            return prefix + year + "-" + String.format("%06d", sequence);
        }

        /** UNTDID 1001 document type of EN 16931. */
        public String typeCode() {
            return typeCode;
        }
    }

    /** The customer (or, on an invoice to a partner, the partner) as the invoice is addressed. */
    public record BillTo(String name, String street, String postcode, String city, String country, String vatId) {
    }

    public Invoice {
        lines = List.copyOf(lines);
    }

    /** Whether the invoice is addressed to a partner rather than to a customer. */
    public boolean toPartner() {
        return customerId == null;
    }
}
