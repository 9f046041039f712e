package ru.noko.publication.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A4 pages written top to bottom: headings, wrapped paragraphs, tables and pictures, a new page whenever the next
 * block does not fit. Every page carries the report's footer with its number.
 */
final class ReportPages implements AutoCloseable {

    static final float MARGIN = 50;
    private static final float BODY = 10.5f;
    private static final Color GREY = new Color(0x55, 0x55, 0x55);

    private final PDDocument document;
    private final PDFont regular;
    private final PDFont bold;
    private final String footer;
    private PDPageContentStream stream;
    private float y;
    private int pages;

    ReportPages(PDDocument document, PDFont regular, PDFont bold, String footer) {
        this.document = document;
        this.regular = regular;
        this.bold = bold;
        this.footer = footer;
    }

    float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    void newPage() throws IOException {
        closeStream();
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        stream = new PDPageContentStream(document, page);
        pages++;
        y = PDRectangle.A4.getHeight() - MARGIN;
        text(footer + " · стр. " + pages, regular, 8, MARGIN, MARGIN / 2, GREY);
    }

    void title(String text) throws IOException {
        lines(wrap(bold, 18, width(), text), bold, 18, Color.BLACK, 6);
    }

    void heading(String text) throws IOException {
        space(10);
        ensure(14 * 1.3f + BODY * 3);
        lines(wrap(bold, 13, width(), text), bold, 13, Color.BLACK, 4);
    }

    void paragraph(String text) throws IOException {
        lines(wrap(regular, BODY, width(), text), regular, BODY, Color.BLACK, 4);
    }

    void note(String text) throws IOException {
        lines(wrap(regular, 8.5f, width(), text), regular, 8.5f, GREY, 4);
    }

    void space(float points) {
        y -= points;
    }

    /** A table: a bold header row, then the rows; columns as wide as given (points), text wrapped in its cell. */
    void table(List<String> header, List<Float> widths, List<List<String>> rows) throws IOException {
        row(header, widths, bold, true);
        for (List<String> row : rows) {
            row(row, widths, regular, false);
        }
        space(6);
    }

    void picture(BufferedImage image, float width) throws IOException {
        float height = width * image.getHeight() / image.getWidth();
        ensure(height + 6);
        PDImageXObject picture = LosslessFactory.createFromImage(document, image);
        stream.drawImage(picture, MARGIN, y - height, width, height);
        y -= height + 6;
    }

    private void row(List<String> cells, List<Float> widths, PDFont font, boolean header) throws IOException {
        float size = 9;
        float leading = size * 1.3f;
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.size(); i++) {
            List<String> cell = wrap(font, size, widths.get(i) - 6, cells.get(i));
            wrapped.add(cell);
            lines = Math.max(lines, cell.size());
        }
        float height = lines * leading + 4;
        ensure(height);
        if (header) {
            stream.setNonStrokingColor(new Color(0xEE, 0xF2, 0xFA));
            stream.addRect(MARGIN, y - height, sum(widths), height);
            stream.fill();
        }
        float x = MARGIN;
        for (int i = 0; i < wrapped.size(); i++) {
            float lineY = y - size - 2;
            for (String line : wrapped.get(i)) {
                text(line, font, size, x + 3, lineY, Color.BLACK);
                lineY -= leading;
            }
            x += widths.get(i);
        }
        stream.setStrokingColor(new Color(0x99, 0x99, 0x99));
        stream.setLineWidth(0.4f);
        stream.moveTo(MARGIN, y - height);
        stream.lineTo(MARGIN + sum(widths), y - height);
        stream.stroke();
        y -= height;
    }

    private void lines(List<String> lines, PDFont font, float size, Color color, float after) throws IOException {
        float leading = size * 1.3f;
        for (String line : lines) {
            ensure(leading);
            text(line, font, size, MARGIN, y - size, color);
            y -= leading;
        }
        y -= after;
    }

    private void text(String text, PDFont font, float size, float x, float baseline, Color color) throws IOException {
        stream.beginText();
        stream.setFont(font, size);
        stream.setNonStrokingColor(color);
        stream.newLineAtOffset(x, baseline);
        stream.showText(text);
        stream.endText();
    }

    private void ensure(float height) throws IOException {
        if (stream == null || y - height < MARGIN) {
            newPage();
        }
    }

    static List<String> wrap(PDFont font, float size, float width, String text) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.replace('\u00A0', ' ').split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static float sum(List<Float> widths) {
        float total = 0;
        for (float w : widths) {
            total += w;
        }
        return total;
    }

    private void closeStream() throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeStream();
    }
}
