package org.switchboard.billing.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceLine;
import org.switchboard.billing.InvoicePreviews.Preview;
import org.switchboard.billing.InvoiceRun.Progress;
import org.switchboard.billing.InvoiceTotals;
import org.switchboard.billing.TariffZone;
import org.switchboard.billing.internal.CallRecords.StoredCall;
import org.switchboard.billing.internal.Invoices.Payment;

/** The JSON shapes of billing: amounts are numbers with two decimals (call charges with four). */
final class BillingJson {

    private BillingJson() {
    }

    record ZoneView(UUID id, String name, List<String> prefixes, BigDecimal pricePerMinute, String increment,
            BigDecimal connectFee) {
        static ZoneView of(TariffZone z) {
            return new ZoneView(z.id(), z.name(), z.prefixes(), z.pricePerMinute(), z.increment().code(), z.connectFee());
        }
    }

    /** {@code line}: the line's number on the invoice (1, 2, ...), as a credit note names it. */
    record LineView(Integer line, UUID instanceId, String kind, String description, Instant periodFrom,
            Instant periodTo, String quantity, BigDecimal amount) {
        static LineView of(InvoiceLine l, Integer line) {
            return new LineView(line, l.instanceId() == null ? null : l.instanceId().value(), l.kind().name(),
                    l.description(), l.periodFrom(), l.periodTo(), l.quantity(), l.amount().amount());
        }

        static List<LineView> numbered(List<InvoiceLine> lines) {
            return java.util.stream.IntStream.range(0, lines.size()).mapToObj(i -> of(lines.get(i), i + 1)).toList();
        }
    }

    /** What a credit note corrects, and what happens to money already paid. */
    record CorrectionView(UUID invoiceId, String number, LocalDate issuedOn, String reason, String settlement) {
        static CorrectionView of(Invoice.Correction c) {
            return c == null ? null : new CorrectionView(c.invoiceId(), c.number(), c.issuedOn(), c.reason(), c.settlement());
        }
    }

    record TotalsView(BigDecimal netSubscriptions, BigDecimal netAirtime, BigDecimal netTraining, BigDecimal net,
            String vatTreatment, BigDecimal vatRate, BigDecimal vat, BigDecimal gross, String currency, String vatNote) {
        static TotalsView of(InvoiceTotals t) {
            return new TotalsView(t.netSubscriptions().amount(), t.netAirtime().amount(), t.netTraining().amount(),
                    t.net().amount(),
                    t.treatment().name(), t.treatment().ratePercent().setScale(2), t.vat().amount(), t.gross().amount(),
                    t.net().currency().getCurrencyCode(), t.treatment().note());
        }
    }

    /**
     * An invoice; {@code addressedTo} is CUSTOMER or PARTNER (an invoice to the partner itself:
     * no customer id and no customer name; {@code billedTo} is the partner's name). {@code corrects}
     * names the invoice an operator's credit note corrects.
     */
    record InvoiceView(UUID id, String number, String kind, String addressedTo, UUID customerId, UUID partnerId,
            String customerName, String billedTo, String month, LocalDate issuedOn, Instant finalisedAt,
            TotalsView totals, List<LineView> lines, String payment, CorrectionView corrects) {
        static InvoiceView of(Invoice i, boolean withLines, Payment payment) {
            return new InvoiceView(i.id(), i.number(), i.kind().name(), i.toPartner() ? "PARTNER" : "CUSTOMER",
                    i.customerId() == null ? null : i.customerId().value(),
                    i.partnerId() == null ? null : i.partnerId().value(), i.toPartner() ? null : i.billTo().name(),
                    i.billTo().name(), i.month().toString(), i.issuedOn(), i.finalisedAt(), TotalsView.of(i.totals()),
                    withLines ? LineView.numbered(i.lines()) : null,
                    payment == null ? (i.toPartner() ? "BANK_TRANSFER" : null) : payment.status(),
                    CorrectionView.of(i.corrects()));
        }
    }

    record PreviewView(UUID instanceId, String month, String invoicedTo, String note, List<LineView> lines,
            TotalsView totals) {
        static PreviewView of(Preview p) {
            return new PreviewView(p.instanceId().value(), p.month().toString(), p.invoicedTo(), p.note(),
                    LineView.numbered(p.lines()), TotalsView.of(p.totals()));
        }
    }

    record CallView(UUID instanceId, String callId, String subject, String from, String to, Instant start,
            Instant answer, Instant end, String direction, String trunk, String outcome, String zone, int billedSeconds,
            BigDecimal charge, String reason) {
        static CallView of(StoredCall c) {
            return new CallView(c.instanceId(), c.callId(), c.subject(), c.from(), c.to(), c.start(), c.answer(), c.end(),
                    c.direction(), c.trunk(), c.outcome(), c.zone(), c.billedSeconds(), c.charge(), c.reason());
        }
    }

    record RunView(String month, Instant startedAt, String startedBy, Instant finishedAt, boolean finished,
            int customers, int done, int invoices, int percent, BigDecimal net, BigDecimal gross) {
        static RunView of(Progress p) {
            return new RunView(p.month().toString(), p.startedAt(), p.startedBy(), p.finishedAt(),
                    p.finishedAt() != null, p.customers(), p.done(), p.invoices(), p.percent(), p.net(), p.gross());
        }
    }

    record PaymentView(UUID invoiceId, String status, String mandateReference, LocalDate mandateSignedOn,
            String sequenceType, LocalDate dueOn, String returnReason) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.invoiceId(), p.status(), p.mandateReference(), p.mandateSignedOn(),
                    p.sequenceType(), p.dueOn(), p.returnReason());
        }
    }
}
