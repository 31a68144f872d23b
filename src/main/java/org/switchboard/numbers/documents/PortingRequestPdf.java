package org.switchboard.numbers.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.switchboard.numbers.PortingOrder;
import org.switchboard.numbers.PortingRequest;
import org.switchboard.numbers.PortingRequest.PortedNumbers;

/**
 * The porting request form: every detail of the order as the releasing provider must find it, the
 * numbers, the declaration, a signature field (a PDF signature field, and a line to sign by hand)
 * and a box for the company seal.
 */
public final class PortingRequestPdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final float MARGIN = 56;

    private PortingRequestPdf() {
    }

    public static byte[] render(PortingOrder order, String customerName) {
        PortingRequest r = order.request();
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            float width = page.getMediaBox().getWidth();
            float y = page.getMediaBox().getHeight() - MARGIN;
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                y = line(text, bold, 16, MARGIN, y, "Porting request (Antrag auf Rufnummernportierung)");
                y = line(text, regular, 9, MARGIN, y - 4, "Order " + order.id() + "  -  for " + customerName);
                y -= 10;
                y = section(text, bold, y, "Releasing provider (abgebender Anbieter)");
                y = field(text, regular, bold, y, "Provider", r.provider());
                y = field(text, regular, bold, y, "Customer number at the provider",
                        r.providerCustomerNumber() == null ? "-" : r.providerCustomerNumber());
                y = section(text, bold, y - 6, "Line holder as the releasing provider holds it (Anschlussinhaber)");
                y = field(text, regular, bold, y, "Company name with legal form", r.companyName());
                y = field(text, regular, bold, y, "Contract holder", r.contractHolder());
                y = field(text, regular, bold, y, "Address of the line", r.street() + ", " + r.postcode() + " " + r.city());
                y = section(text, bold, y - 6, "Numbers to port (" + r.count() + ")");
                for (String l : numberLines(r)) {
                    y = line(text, regular, 10, MARGIN + 10, y, l);
                }
                y = field(text, regular, bold, y - 4, "Other numbers of the contract",
                        r.wholeContract() ? "none: these are all numbers of the contract"
                                : "are cancelled with the porting (the customer declares so)");
                y = section(text, bold, y - 6, "Porting date");
                y = field(text, regular, bold, y, r.atContractEnd() ? "At the end of the contract" : "Desired date",
                        DATE.format(r.desiredDate()));
                y -= 8;
                for (String l : wrap("We ask the releasing provider to port the numbers above to the new provider on the"
                        + " date given, and terminate the contract for these numbers with the porting. Numbers of the"
                        + " contract not listed are cancelled, unless stated otherwise above.", 95)) {
                    y = line(text, regular, 9, MARGIN, y, l);
                }
                // the boxes: signature (left), company seal (right)
                float boxTop = y - 20;
                float boxHeight = 90;
                float half = (width - 2 * MARGIN - 20) / 2;
                text.setLineWidth(0.8f);
                text.addRect(MARGIN, boxTop - boxHeight, half, boxHeight);
                text.addRect(MARGIN + half + 20, boxTop - boxHeight, half, boxHeight);
                text.stroke();
                line(text, regular, 8, MARGIN, boxTop - boxHeight - 12, "Place, date, signature of the line holder");
                line(text, regular, 8, MARGIN + half + 20, boxTop - boxHeight - 12, "Company seal (Firmenstempel)");

                PDAcroForm form = new PDAcroForm(document);
                document.getDocumentCatalog().setAcroForm(form);
                PDSignatureField signature = new PDSignatureField(form);
                signature.setPartialName("LineHolderSignature");
                PDAnnotationWidget widget = signature.getWidgets().get(0);
                widget.setRectangle(new PDRectangle(MARGIN + 4, boxTop - boxHeight + 4, half - 8, boxHeight - 8));
                widget.setPage(page);
                page.getAnnotations().add(widget);
                form.getFields().add(signature);
            }
            document.getDocumentInformation().setTitle("Porting request " + order.id());
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> numberLines(PortingRequest r) {
        List<String> lines = new ArrayList<>();
        for (PortedNumbers n : r.numbers()) {
            lines.add("- " + n.label());
        }
        return lines;
    }

    private static float section(PDPageContentStream text, PDType1Font bold, float y, String title) throws IOException {
        return line(text, bold, 11, MARGIN, y - 6, title);
    }

    private static float field(PDPageContentStream text, PDType1Font regular, PDType1Font bold, float y, String label,
            String value) throws IOException {
        line(text, regular, 9, MARGIN + 10, y, label + ":");
        return line(text, bold, 10, MARGIN + 190, y, value);
    }

    private static float line(PDPageContentStream text, PDType1Font font, float size, float x, float y, String s)
            throws IOException {
        text.beginText();
        text.setFont(font, size);
        text.newLineAtOffset(x, y);
        text.showText(encodable(font, s));
        text.endText();
        return y - size - 5;
    }

    /** Standard fonts know only WinAnsi: anything else is shown as '?', never a failure. */
    private static String encodable(PDType1Font font, String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            try {
                font.encode(c);
                b.append(c);
            } catch (IOException | IllegalArgumentException e) {
                b.append('?');
            }
        });
        return b.toString();
    }

    private static List<String> wrap(String s, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : s.split(" ")) {
            if (current.length() + word.length() + 1 > width) {
                lines.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
        }
        lines.add(current.toString());
        return lines;
    }
}
