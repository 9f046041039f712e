package ru.noko.portal.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * The director's order behind an organized session (letter 001: the time and the number of participants), taken only
 * as a real PDF that opens without a password, of at most {@value #MAX_PAGES} pages and 5 MB.
 */
public final class OrderCheck {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_PAGES = 20;
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    /** The order as it is stored: the file as sent, and its number of pages. */
    public record Order(byte[] content, int pages) {}

    private OrderCheck() {}

    /**
     * The order.
     *
     * @throws RefusedUpload with the reason in Russian otherwise
     */
    public static Order accept(byte[] upload) {
        if (upload.length > MAX_BYTES) {
            throw new RefusedUpload("Файл приказа больше 5 МБ.");
        }
        if (upload.length < PDF.length || !Arrays.equals(upload, 0, PDF.length, PDF, 0, PDF.length)) {
            throw new RefusedUpload(
                    "Файл приказа не является документом PDF (проверено по содержимому, а не по имени" + " файла).");
        }
        try (PDDocument document = Loader.loadPDF(upload)) {
            if (document.isEncrypted()) {
                throw new RefusedUpload("Документ PDF зашифрован или защищён паролем: загрузите его без защиты.");
            }
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                throw new RefusedUpload("В документе PDF нет ни одной страницы.");
            }
            if (pages > MAX_PAGES) {
                throw new RefusedUpload("В приказе " + pages + " страниц: допускается не более " + MAX_PAGES + ".");
            }
            return new Order(upload, pages);
        } catch (InvalidPasswordException e) {
            throw new RefusedUpload("Документ PDF зашифрован или защищён паролем: загрузите его без защиты.");
        } catch (IOException | RuntimeException e) {
            if (e instanceof RefusedUpload refused) {
                throw refused;
            }
            throw new RefusedUpload("Документ PDF повреждён или загружен не полностью.");
        }
    }
}
