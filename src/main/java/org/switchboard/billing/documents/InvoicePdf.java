package org.switchboard.billing.documents;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.switchboard.billing.BillingSettings.Settings;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceLine;
import org.switchboard.billing.InvoiceTotals;
import org.switchboard.billing.internal.CallRecords.StoredCall;

/** The readable invoice: A4 pages with an embedded font and an sRGB output intent, as PDF/A-3 asks. */
final class InvoicePdf {

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PDDocument document = new PDDocument();
    private final PDType0Font font;
    private PDPageContentStream page;
    private float y;

    private InvoicePdf() throws IOException {
        try (InputStream ttf = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            font = PDType0Font.load(document, ttf, true);
        }
        ICC_Profile srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB);
        PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(srgb.getData()));
        intent.setInfo("sRGB IEC61966-2.1");
        intent.setOutputCondition("sRGB IEC61966-2.1");
        intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
        intent.setRegistryName("http://www.color.org");
        document.getDocumentCatalog().addOutputIntent(intent);
    }

    static byte[] render(Invoice invoice, EInvoices.Context context) {
        try {
            InvoicePdf pdf = new InvoicePdf();
            pdf.write(invoice, context);
            return pdf.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Invoice invoice, EInvoices.Context context) throws IOException {
        Settings s = context.seller();
        newPage();
        text(s.creditorName() + " · " + s.street() + " · " + s.postcode() + " " + s.city() + " · VAT ID " + s.vatId(), 8);
        gap(14);
        Invoice.BillTo to = invoice.billTo();
        text(to.name(), 11);
        text(nonNull(to.street()), 11);
        text(nonNull(to.postcode()) + " " + nonNull(to.city()) + " " + nonNull(to.country()), 11);
        if (to.vatId() != null && !to.vatId().isBlank()) {
            text("VAT ID " + to.vatId(), 11);
        }
        gap(20);
        boolean credit = invoice.kind() == Invoice.Kind.CREDIT_NOTE;
        text((credit ? "Credit note " : "Invoice ") + invoice.number(), 16);
        text("Date " + invoice.issuedOn() + " · Month " + invoice.month() + (invoice.toPartner()
                ? " · Partner " + invoice.partnerId().value() : " · Customer " + invoice.customerId().value()), 9);
        Invoice.Correction corrects = invoice.corrects();
        if (corrects != null) {
            text("Corrects invoice " + corrects.number() + " of " + corrects.issuedOn(), 10);
            for (String l : wrap("Reason: " + corrects.reason(), 9, WIDTH)) {
                text(l, 9);
            }
        } else if (invoice.toPartner() && invoice.lines().stream().anyMatch(l -> l.kind() != InvoiceLine.Kind.TRAINING)) {
            text("Bought as CSP partner for your customers at the retail price less your discount; you invoice them yourself.", 9);
        }
        gap(12);
        row("Description", "Quantity", "Amount (EUR)", 9);
        rule();
        for (InvoiceLine line : invoice.lines()) {
            List<String> wrapped = wrap(line.description(), 9, WIDTH - 190);
            row(wrapped.get(0), line.quantity(), money(line.amount().amount()), 9);
            for (String more : wrapped.subList(1, wrapped.size())) {
                row(more, "", "", 9);
            }
        }
        rule();
        InvoiceTotals t = invoice.totals();
        row("Net subscriptions", "", money(t.netSubscriptions().amount()), 9);
        row("Net airtime", "", money(t.netAirtime().amount()), 9);
        if (t.netTraining().amount().signum() != 0) {
            row("Net training", "", money(t.netTraining().amount()), 9);
        }
        row("Net total", "", money(t.net().amount()), 10);
        row("VAT " + t.treatment().ratePercent().stripTrailingZeros().toPlainString() + "% on " + money(t.net().amount()),
                "", money(t.vat().amount()), 10);
        row(credit ? "Total credited" : "Total due", "", money(t.gross().amount()), 12);
        gap(10);
        if (t.treatment().note() != null) {
            for (String l : wrap(t.treatment().note(), 9, WIDTH)) {
                text(l, 9);
            }
        }
        String payment = PaymentInstructions.of(invoice, context).text();
        for (String l : wrap(payment, 9, WIDTH)) {
            text(l, 9);
        }
        if (!context.calls().isEmpty()) {
            newPage();
            boolean late = context.calls().stream()
                    .anyMatch(c -> java.time.YearMonth.from(c.start().atZone(context.zone())).isBefore(invoice.month()));
            text("Appendix: itemised calls of " + invoice.month() + (late ? " and late call records of earlier months" : "")
                    + " (" + context.calls().size() + ")", 12);
            gap(6);
            callRow("Start", "From", "To", "Zone", "Billed s", "Charge", 7);
            rule();
            for (StoredCall c : context.calls()) {
                callRow(AT.format(c.start().atZone(context.zone())), c.from(), c.to(), nonNull(c.zone()),
                        Integer.toString(c.billedSeconds()), c.charge().toPlainString(), 7);
            }
        }
    }

    private byte[] finish() throws IOException {
        page.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        document.close();
        return out.toByteArray();
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage p = new PDPage(PDRectangle.A4);
        document.addPage(p);
        page = new PDPageContentStream(document, p);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void ensureRoom(float height) throws IOException {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    private void text(String value, float size) throws IOException {
        ensureRoom(size + 4);
        y -= size + 4;
        show(value, MARGIN, size);
    }

    private void row(String description, String quantity, String amount, float size) throws IOException {
        ensureRoom(size + 4);
        y -= size + 4;
        show(description, MARGIN, size);
        show(quantity, MARGIN + WIDTH - 180, size);
        show(amount, MARGIN + WIDTH - width(amount, size), size);
    }

    private void callRow(String start, String from, String to, String zone, String seconds, String charge, float size)
            throws IOException {
        ensureRoom(size + 3);
        y -= size + 3;
        show(start, MARGIN, size);
        show(from, MARGIN + 85, size);
        show(to, MARGIN + 165, size);
        show(zone, MARGIN + 245, size);
        show(seconds, MARGIN + 380 - width(seconds, size), size);
        show(charge, MARGIN + WIDTH - width(charge, size), size);
    }

    private void rule() throws IOException {
        y -= 3;
        page.moveTo(MARGIN, y);
        page.lineTo(MARGIN + WIDTH, y);
        page.stroke();
    }

    private void gap(float height) {
        y -= height;
    }

    private void show(String value, float x, float size) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, y);
        page.showText(printable(value));
        page.endText();
    }

    private float width(String value, float size) throws IOException {
        return font.getStringWidth(printable(value)) / 1000 * size;
    }

    private List<String> wrap(String value, float size, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : value.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (width(candidate, size) > max && !current.isEmpty()) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    /** The text with characters the font cannot show replaced, so that a name never breaks a document. */
    private String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static String money(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(amount);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

}
