package org.switchboard.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.switchboard.billing.internal.CallRecords;
import org.switchboard.billing.internal.InvoiceRuns;
import org.switchboard.billing.internal.SubscriptionTimelines;

/**
 * One batch of a run, in the caller's transaction: claims customers' items (or, once no customer
 * is left, partners'), claims what they bill (calls by watermark, timeline changes by marking),
 * composes, writes and finalises their invoices and marks the items done. See {@link InvoiceRun}.
 */
@Component
class InvoiceRunBatches {

    /** A partner's item reads all its customers: smaller batches. */
    static final int PARTNER_BATCH = 20;

    private final InvoiceRuns runs;
    private final SubscriptionTimelines timelines;
    private final CallRecords calls;
    private final InvoiceComposer composer;
    private final InvoiceIssuing issuing;
    private final BillingSettings settings;
    private final Clock clock;
    private final BillingCalendar calendar;

    InvoiceRunBatches(InvoiceRuns runs, SubscriptionTimelines timelines, CallRecords calls, InvoiceComposer composer,
            InvoiceIssuing issuing, BillingSettings settings, Clock clock) {
        this.runs = runs;
        this.timelines = timelines;
        this.calls = calls;
        this.composer = composer;
        this.issuing = issuing;
        this.settings = settings;
        this.clock = clock;
        this.calendar = new BillingCalendar(clock.getZone());
    }

    /** Answers how many customers (or, once no customer is left, partners) the batch took. */
    int process(YearMonth month, int size) {
        List<UUID> claimed = runs.claim(month, size);
        if (claimed.isEmpty()) {
            return processPartners(month, Math.min(size, PARTNER_BATCH));
        }
        // What this batch bills is claimed as billed by this run before anything is composed from it.
        Instant end = calendar.end(month);
        long upto = runs.callWatermark(month);
        Map<UUID, List<InvoiceLine>> lines = composer.customerLines(month, claimed,
                timelines.billFor(month, claimed, end), calls.billFor(month, claimed, upto, end, calendar.zone()));
        Instant now = clock.instant();
        LocalDate issuedOn = LocalDate.ofInstant(now, calendar.zone());
        // Composed in memory, then written at the batch's end in a few statements for all its customers.
        Map<UUID, Invoice> drafts = composer.customerDrafts(month, lines);
        issuing.issue(List.copyOf(drafts.values()), timelines.mandates(drafts.keySet()), issuedOn, now,
                settings.current().daysUntilDue());
        Map<UUID, UUID> invoiceOf = new HashMap<>();
        for (UUID customer : claimed) {
            Invoice draft = drafts.get(customer);
            invoiceOf.put(customer, draft == null ? null : draft.id());
        }
        runs.doneAll(month, invoiceOf);
        return claimed.size();
    }

    /** Partners' items: one invoice per partner, with no direct debit. */
    private int processPartners(YearMonth month, int size) {
        List<InvoiceRuns.PartnerItem> claimed = runs.claimPartners(month, size);
        if (claimed.isEmpty()) {
            return 0;
        }
        Instant end = calendar.end(month);
        long upto = runs.callWatermark(month);
        Instant now = clock.instant();
        LocalDate issuedOn = LocalDate.ofInstant(now, calendar.zone());
        List<Invoice> drafts = new ArrayList<>();
        Map<UUID, List<UUID>> chargesOf = new HashMap<>();
        for (InvoiceRuns.PartnerItem item : claimed) {
            WholesaleTermsProvider.WholesaleBuyer buyer = item.discountRate() == null ? null
                    : new WholesaleTermsProvider.WholesaleBuyer(item.partnerId(), item.discountRate());
            Map<UUID, List<InvoiceLine>> bought = Map.of();
            if (buyer != null) {
                // The partner's invoice bills its customers' calls and changes not billed yet, late ones
                // too: claimed as billed by this run first, exactly as a customer's batch does.
                List<UUID> ofPartner = runs.customersBoughtBy(month, item.partnerId());
                bought = composer.customerLines(month, ofPartner, timelines.billFor(month, ofPartner, end),
                        calls.billFor(month, ofPartner, upto, end, calendar.zone()));
            }
            List<PartnerChargeProvider.PartnerCharge> charges = runs.charges(month, item.partnerId());
            List<PartnerInvoicePolicy.PartnerLine> lines = composer.partnerLines(buyer, bought, charges);
            Invoice draft = lines.isEmpty() ? null : issuing.partnerDraft(item.partnerId(), month, lines);
            if (draft != null) {
                drafts.add(draft);
                chargesOf.put(draft.id(), charges.stream().map(PartnerChargeProvider.PartnerCharge::id).toList());
            }
            runs.partnerDone(month, item.partnerId(), draft == null ? null : draft.id());
        }
        issuing.finalise(drafts, issuedOn, now, chargesOf);
        return claimed.size();
    }
}
