package org.switchboard.partners.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A commission statement as a PDF credit note: issuer, partner, number, period, one row per
 * customer invoice (or reversal) and the total. Text only, in the standard Helvetica, which
 * covers the Latin-1 characters of German names.
 */
public final class StatementPdf {

    /** What the document shows; amounts already formatted. */
    public record Content(String issuer, String partnerName, String partnerAddress, String number, String period,
            String issuedOn, List<Row> rows, String total) {
    }

    public record Row(String finalisedOn, String what, String subscriptions, String airtime, String rate,
            String commission) {
    }

    private static final float MARGIN = 50;
    private static final float LINE = 14;

    private StatementPdf() {
    }

    public static byte[] render(Content c) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            List<String[]> table = new ArrayList<>();
            table.add(new String[] { "Finalised", "Customer invoice", "Subscriptions", "Airtime", "Rate", "Commission" });
            for (Row r : c.rows()) {
                table.add(new String[] { r.finalisedOn(), r.what(), r.subscriptions(), r.airtime(), r.rate(), r.commission() });
            }
            float[] columns = { MARGIN, 120, 290, 370, 430, 480 };
            int row = 0;
            while (row < table.size()) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    float y = page.getMediaBox().getHeight() - MARGIN;
                    if (row == 0) {
                        y = text(s, bold, 16, MARGIN, y, "Credit note " + c.number());
                        y = text(s, regular, 10, MARGIN, y - 4, "Commission statement for " + c.period() + ", issued on " + c.issuedOn());
                        y = text(s, regular, 10, MARGIN, y, "From: " + c.issuer());
                        y = text(s, regular, 10, MARGIN, y, "To: " + c.partnerName() + ", " + c.partnerAddress());
                        y -= LINE;
                    }
                    while (row < table.size() && y > MARGIN + 2 * LINE) {
                        String[] cells = table.get(row);
                        for (int i = 0; i < cells.length; i++) {
                            text(s, row == 0 ? bold : regular, 8, columns[i], y, cells[i]);
                        }
                        y -= LINE;
                        row++;
                    }
                    if (row == table.size()) {
                        text(s, bold, 11, MARGIN, y - LINE, "Total credited to you: " + c.total());
                    }
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float text(PDPageContentStream s, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(latin1(text));
        s.endText();
        return y - LINE;
    }

    private static String latin1(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            b.append(ch == '€' ? "EUR" : ch < 256 && ch >= 32 ? String.valueOf(ch) : "?");
        }
        return b.toString();
    }
}
