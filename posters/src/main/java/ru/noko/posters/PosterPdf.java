package ru.noko.posters;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;

/**
 * An organization's A4 poster for a stand, a door or a parents' chat, as letter 000 asks regions to spread: who is
 * invited, the campaign, the organization, a large QR code, the link, the dates, that the survey is anonymous, and how
 * to answer from a phone.
 *
 * <p>The QR code is drawn as vector squares, not an image, so it stays sharp when a print shop enlarges the poster.
 * The fonts are embedded as subsets, so the poster prints the same on a machine without DejaVu. The document has no
 * dates and a fixed id made from its content: the same poster gives the same bytes.
 */
public final class PosterPdf {

    static final String HEADLINE = "Оцените качество условий образования в нашей организации";
    static final String INVITATION =
            "Приглашаем родителей (законных представителей) и обучающихся ответить на вопросы" + " анкеты";
    static final String ANONYMOUS = "Опрос анонимный";
    static final String ANONYMOUS_NOTE = "Имя не спрашивают; итоги подводят только в целом по организации.";
    static final String PHONE_TITLE = "Как ответить с телефона";
    static final List<String> PHONE_STEPS = List.of(
            "1. Откройте камеру телефона и наведите её на QR-код.",
            "2. Нажмите на появившуюся ссылку — откроется анкета.",
            "3. Ответьте на вопросы и отправьте анкету.",
            "Камера не видит код? Наберите ссылку в браузере телефона.");

    private static final float MARGIN = 48;
    private static final float MAX_QR_SIDE = 310;
    private static final float MIN_QR_SIDE = 170;
    private static final Color ACCENT = new Color(0x1F, 0x4E, 0x79);
    private static final Color INK = new Color(0x1A, 0x1A, 0x1A);
    private static final Color GREY = new Color(0x55, 0x55, 0x55);
    private static final Color PANEL = new Color(0xEE, 0xF3, 0xF8);

    private final PosterFonts fonts;

    public PosterPdf(PosterFonts fonts) {
        this.fonts = fonts;
    }

    public byte[] write(PosterContent content) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            Fonts loaded = new Fonts(
                    PDType0Font.load(document, fonts.regular().toFile()),
                    PDType0Font.load(document, fonts.bold().toFile()),
                    PDType0Font.load(document, fonts.mono().toFile()));
            describe(document, content);
            QrCode code = QrCode.of(content.link());
            try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                new Layout(stream, page, loaded, content, code).draw();
            }
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            document.save(pdf);
            return pdf.toByteArray();
        }
    }

    private static void describe(PDDocument document, PosterContent content) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("Опрос: " + TextLines.normalized(content.organizationName()));
        info.setSubject(TextLines.normalized(content.campaignTitle()));
        info.setCreator("noko posters");
        // PDFBox makes the file identifier from the clock unless the trailer has one: this one is the content's hash.
        byte[] id = Arrays.copyOf(
                sha256(content.campaignTitle() + "\n" + content.organizationName() + "\n" + content.territory() + "\n"
                        + content.link() + "\n" + content.dates()),
                16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record Fonts(PDFont regular, PDFont bold, PDFont mono) {}

    /** Lines of one font and size, centred or left-aligned. */
    private record Block(List<String> lines, PDFont font, float size, Color color, boolean centred) {

        float leading() {
            return size * 1.25f;
        }

        float height() {
            return lines.size() * leading();
        }
    }

    /** Measures everything first, so a long name shrinks the QR code instead of running off the page. */
    private static final class Layout {

        private final PDPageContentStream stream;
        private final PDPage page;
        private final Fonts fonts;
        private final PosterContent content;
        private final QrCode code;
        private final float width;
        private final float left;
        private final List<PDAnnotation> annotations = new ArrayList<>();

        Layout(PDPageContentStream stream, PDPage page, Fonts fonts, PosterContent content, QrCode code) {
            this.stream = stream;
            this.page = page;
            this.fonts = fonts;
            this.content = content;
            this.code = code;
            this.left = MARGIN;
            this.width = page.getMediaBox().getWidth() - 2 * MARGIN;
        }

        void draw() throws IOException {
            float pageHeight = page.getMediaBox().getHeight();
            String territory = TextLines.normalized(content.territory());
            Block territoryBlock = block(territory, fonts.regular, 11, Color.WHITE, true, width - 32);
            Block headline = block(HEADLINE, fonts.bold, 26, Color.WHITE, true, width - 32);
            Block invitation = block(INVITATION, fonts.regular, 14, INK, true, width);
            Block campaign = block(TextLines.normalized(content.campaignTitle()), fonts.regular, 12, GREY, true, width);
            Block name = nameBlock(TextLines.normalized(content.organizationName()));
            Block link = block(content.link().toString(), fonts.mono, 12, INK, true, width);
            Block dates = block(content.dates().sentence().orElse(""), fonts.bold, 14, INK, true, width);
            Block anonymous = block(ANONYMOUS, fonts.bold, 16, ACCENT, true, width);
            Block anonymousNote = block(ANONYMOUS_NOTE, fonts.regular, 10, GREY, true, width);
            float panelInner = width - 32;
            Block phoneTitle = block(PHONE_TITLE, fonts.bold, 12, ACCENT, false, panelInner);
            List<String> steps = new ArrayList<>();
            for (String step : PHONE_STEPS) {
                steps.addAll(TextLines.wrap(fonts.regular, 11, panelInner, step));
            }
            Block phoneSteps = new Block(steps, fonts.regular, 11, INK, false);

            float band = 18 + (territory.isEmpty() ? 0 : territoryBlock.height() + 4) + headline.height() + 14;
            float panel = 12 + phoneTitle.height() + 2 + phoneSteps.height() + 10;
            float fixed = band
                    + 18
                    + invitation.height()
                    + 6
                    + campaign.height()
                    + 12
                    + name.height()
                    + 10
                    + 6
                    + link.height()
                    + (dates.lines().isEmpty() ? 0 : 10 + dates.height())
                    + 10
                    + anonymous.height()
                    + anonymousNote.height()
                    + 14
                    + panel;
            float room = pageHeight - MARGIN - fixed; // the band starts at the page's top edge, so one margin
            float qrSide = Math.max(MIN_QR_SIDE, Math.min(MAX_QR_SIDE, room));

            float y = pageHeight;
            fill(ACCENT, 0, pageHeight - band, page.getMediaBox().getWidth(), band);
            y -= 18;
            if (!territory.isEmpty()) {
                y = text(territoryBlock, y) - 4;
            }
            y = text(headline, y) - 14;
            y = text(invitation, y - 18);
            y = text(campaign, y - 6);
            y = text(name, y - 12);
            y -= 10;
            float qrLeft = left + (width - qrSide) / 2;
            drawQr(qrLeft, y - qrSide, qrSide);
            linkArea(qrLeft, y - qrSide, qrSide, qrSide);
            y -= qrSide + 6;
            float linkTop = y;
            y = text(link, y);
            linkArea(left, y, width, linkTop - y);
            if (!dates.lines().isEmpty()) {
                y = text(dates, y - 10);
            }
            y = text(anonymous, y - 10);
            y = text(anonymousNote, y);
            y -= 14;
            fill(PANEL, left, y - panel, width, panel);
            float inner = y - 12;
            inner = text(phoneTitle, inner) - 2;
            text(phoneSteps, inner);
            page.setAnnotations(annotations);
        }

        /** The name is what a parent looks for: large, and smaller only when it would take more than three lines. */
        private Block nameBlock(String name) throws IOException {
            float size = 22;
            Block block = block(name, fonts.bold, size, INK, true, width);
            while (block.lines().size() > 3 && size > 11) {
                size -= 1;
                block = block(name, fonts.bold, size, INK, true, width);
            }
            return block;
        }

        private Block block(String text, PDFont font, float size, Color color, boolean centred, float maxWidth)
                throws IOException {
            List<String> lines = text.isEmpty() ? List.of() : TextLines.wrap(font, size, maxWidth, text);
            return new Block(lines, font, size, color, centred);
        }

        /** Draws the block's lines from {@code top} down; returns where the block ends. */
        private float text(Block block, float top) throws IOException {
            float y = top;
            for (String line : block.lines()) {
                y -= block.leading();
                float lineWidth = TextLines.width(block.font(), block.size(), line);
                float x = block.centred() ? left + (width - lineWidth) / 2 : left + 16;
                stream.beginText();
                stream.setNonStrokingColor(block.color());
                stream.setFont(block.font(), block.size());
                // The baseline sits a quarter of the leading above the line's bottom, leaving room for descenders.
                stream.newLineAtOffset(x, y + block.leading() * 0.25f);
                stream.showText(line);
                stream.endText();
            }
            return y;
        }

        private void drawQr(float x, float y, float side) throws IOException {
            float module = side / code.size();
            fill(Color.WHITE, x, y, side, side);
            stream.setNonStrokingColor(Color.BLACK);
            for (QrCode.Run run : code.darkRuns()) {
                // Rows count from the top, PDF coordinates from the bottom.
                stream.addRect(x + run.x() * module, y + side - (run.y() + 1) * module, run.length() * module, module);
            }
            stream.fill();
        }

        private void fill(Color color, float x, float y, float w, float h) throws IOException {
            stream.setNonStrokingColor(color);
            stream.addRect(x, y, w, h);
            stream.fill();
        }

        /** A click on the code or the link in the PDF opens the survey too (a poster sent to a chat as a file). */
        private void linkArea(float x, float y, float w, float h) throws IOException {
            PDAnnotationLink annotation = new PDAnnotationLink();
            annotation.setRectangle(new PDRectangle(x, y, w, h));
            PDBorderStyleDictionary border = new PDBorderStyleDictionary();
            border.setWidth(0);
            annotation.setBorderStyle(border);
            PDActionURI action = new PDActionURI();
            action.setURI(content.link().toString());
            annotation.setAction(action);
            annotations.add(annotation);
        }
    }
}
