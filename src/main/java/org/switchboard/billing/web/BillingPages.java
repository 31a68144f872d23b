package org.switchboard.billing.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.CallRecording;
import org.switchboard.billing.CreditNotePolicy;
import org.switchboard.billing.CreditNotes;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceDocuments;
import org.switchboard.billing.InvoiceManagement;
import org.switchboard.billing.InvoiceRun;
import org.switchboard.billing.TariffManagement;
import org.switchboard.billing.internal.CallRecords.StoredCall;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;

/**
 * Billing pages: operators start runs and watch their progress, see unrated calls and export
 * CSV; customers see their invoices with PDF and itemised calls; partners their customers'
 * invoice totals.
 */
@Controller
class BillingPages {

    private final InvoiceRun runs;
    private final InvoiceManagement invoices;
    private final InvoiceDocuments documents;
    private final CallRecording recording;
    private final TariffManagement tariffs;
    private final CreditNotes creditNotes;
    private final org.switchboard.billing.OpenMonth openMonth;

    BillingPages(InvoiceRun runs, InvoiceManagement invoices, InvoiceDocuments documents, CallRecording recording,
            TariffManagement tariffs, CreditNotes creditNotes, org.switchboard.billing.OpenMonth openMonth) {
        this.openMonth = openMonth;
        this.creditNotes = creditNotes;
        this.runs = runs;
        this.invoices = invoices;
        this.documents = documents;
        this.recording = recording;
        this.tariffs = tariffs;
    }

    // ---- operator -------------------------------------------------------------------------------

    @GetMapping("/operator/billing")
    String operator(CurrentUser user, Model model) {
        user.requireOperator("see this");
        model.addAttribute("runs", runs.all());
        model.addAttribute("zones", tariffs.tariff().zones());
        model.addAttribute("unratedCount", recording.countUnrated());
        model.addAttribute("unrated", recording.unrated(50));
        return "billing/operator";
    }

    @GetMapping("/operator/billing/runs/{month}/progress")
    String progress(CurrentUser user, @PathVariable String month, Model model) {
        user.requireOperator("see this");
        model.addAttribute("run", runs.progress(BillingApi.month(month)).orElseThrow());
        return "billing/operator :: progress";
    }

    @PostMapping("/operator/billing/runs")
    String start(CurrentUser user, @RequestParam String month, RedirectAttributes redirect) {
        try {
            runs.start(user, BillingApi.month(month));
            redirect.addFlashAttribute("message", "The invoice run of " + month + " is running.");
        } catch (InvalidInputException | RefusedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/operator/billing";
    }

    @GetMapping(value = "/operator/billing/runs/{month}/invoices.csv", produces = "text/csv")
    ResponseEntity<byte[]> invoicesCsv(CurrentUser user, @PathVariable String month) {
        user.requireOperator("see this");
        YearMonth m = BillingApi.month(month);
        StringBuilder csv = new StringBuilder(
                "number,kind,customer_id,customer,issued_on,net_subscriptions,net_airtime,net,vat_treatment,vat,gross\r\n");
        for (Invoice i : invoices.invoicesOfMonth(user, m)) {
            csv.append(String.join(",", i.number(), i.kind().name(),
                    i.customerId() == null ? "partner:" + i.partnerId().value() : i.customerId().value().toString(),
                    Csv.quote(i.billTo().name()), i.issuedOn().toString(), i.totals().netSubscriptions().amount().toPlainString(),
                    i.totals().netAirtime().amount().toPlainString(), i.totals().net().amount().toPlainString(),
                    i.totals().treatment().name(), i.totals().vat().amount().toPlainString(),
                    i.totals().gross().amount().toPlainString())).append("\r\n");
        }
        return Csv.download("invoices-" + month + ".csv", csv);
    }

    @GetMapping(value = "/operator/billing/unrated.csv", produces = "text/csv")
    ResponseEntity<byte[]> unratedCsv(CurrentUser user) {
        user.requireOperator("see this");
        StringBuilder csv = new StringBuilder("instance_id,call_id,subject,from,to,start,answer,end,reason\r\n");
        for (StoredCall c : recording.unrated(Integer.MAX_VALUE)) {
            csv.append(String.join(",", c.instanceId().toString(), Csv.quote(c.callId()), Csv.quote(c.subject()), c.from(),
                    c.to(), c.start().toString(), String.valueOf(c.answer()), c.end().toString(), Csv.quote(c.reason())))
                    .append("\r\n");
        }
        return Csv.download("unrated-calls.csv", csv);
    }

    @GetMapping("/operator/billing/runs/{month}/direct-debits.xml")
    ResponseEntity<byte[]> directDebits(CurrentUser user, @PathVariable String month) {
        return BillingApi.download(documents.directDebits(user, BillingApi.month(month)), MediaType.APPLICATION_XML);
    }

    // ---- customers and partners -----------------------------------------------------------------

    @GetMapping({ "/customer/invoices", "/partner/invoices" })
    String invoices(CurrentUser user, Model model) {
        model.addAttribute("invoices", invoices.invoices(user));
        model.addAttribute("partner", user.isPartner());
        model.addAttribute("invoicingPartner", invoices.invoicingPartner(user).orElse(null));
        model.addAttribute("openMonth", user.isCustomer() ? openMonth.ofCustomer(user) : null);
        return "billing/invoices";
    }

    @GetMapping("/invoices/{id}")
    String invoice(CurrentUser user, @PathVariable UUID id, Model model) {
        Invoice invoice = invoices.invoice(user, id);
        model.addAttribute("invoice", invoice);
        // A partner sees the lines of an invoice addressed to itself, only the totals of its customers' invoices.
        model.addAttribute("partner", user.isPartner() && !invoice.toPartner());
        model.addAttribute("calls", user.isPartner() ? List.of() : invoices.calls(user, id));
        model.addAttribute("payment", invoices.payment(user, id).orElse(null));
        boolean correctable = invoice.kind() == Invoice.Kind.INVOICE;
        model.addAttribute("creditNotes", correctable ? creditNotes.of(user, id) : List.of());
        model.addAttribute("operator", user.isOperator());
        model.addAttribute("left", user.isOperator() && correctable ? creditNotes.leftToCredit(user, id) : List.of());
        return "billing/invoice";
    }

    /**
     * Operator: the credit-note form of an invoice's page: a reason, and either "the whole
     * invoice" or an amount per line ({@code amount1}, {@code amount2}, ... by line number).
     */
    @PostMapping("/operator/billing/invoices/{id}/credit-notes")
    String creditNote(CurrentUser user, @PathVariable UUID id, @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        try {
            boolean whole = "true".equals(form.get("whole")) || "on".equals(form.get("whole"));
            List<CreditNotePolicy.LineCredit> lines = new ArrayList<>();
            if (!whole) {
                List<Integer> numbers = form.keySet().stream().filter(k -> k.matches("amount\\d{1,4}"))
                        .map(k -> Integer.valueOf(k.substring("amount".length()))).sorted().toList();
                for (Integer line : numbers) {
                    String value = form.get("amount" + line).trim().replace(" ", "");
                    if (value.isEmpty()) {
                        continue;
                    }
                    try {
                        lines.add(new CreditNotePolicy.LineCredit(line, new BigDecimal(value)));
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException("amount" + line, "Line " + line + ": \"" + value
                                + "\" is not an amount. Write it with a decimal point, e.g. 12.50.");
                    }
                }
            }
            Invoice note = creditNotes.issue(user, id, new CreditNotePolicy.Request(form.get("reason"), whole, lines));
            redirect.addFlashAttribute("message", "Credit note " + note.number() + " was issued.");
            return "redirect:/invoices/" + note.id();
        } catch (InvalidInputException | RefusedException e) {
            redirect.addFlashAttribute("error", "No credit note was issued: " + e.getMessage());
            redirect.addFlashAttribute("reason", form.get("reason"));
            return "redirect:/invoices/" + id;
        }
    }

    @GetMapping("/invoices/{id}/pdf")
    ResponseEntity<byte[]> pdf(CurrentUser user, @PathVariable UUID id) {
        return BillingApi.download(documents.pdf(user, id), MediaType.APPLICATION_PDF);
    }

    @GetMapping("/invoices/{id}/xrechnung")
    ResponseEntity<byte[]> xrechnung(CurrentUser user, @PathVariable UUID id) {
        return BillingApi.download(documents.xrechnung(user, id), MediaType.APPLICATION_XML);
    }

    /** CSV as spreadsheets read it: comma separated, quoted where needed, UTF-8 with CRLF. */
    static final class Csv {

        private Csv() {
        }

        static String quote(String value) {
            if (value == null) {
                return "";
            }
            String safe = value.startsWith("=") || value.startsWith("+") || value.startsWith("@") ? "'" + value : value;
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }

        static ResponseEntity<byte[]> download(String filename, StringBuilder csv) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                    .body(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
