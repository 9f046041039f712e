package ru.noko.portal.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import ru.noko.methodology.registry.LineProblem;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.registry.RegistryCsv;
import ru.noko.methodology.registry.RegistryImportException;

/**
 * An uploaded registry read the way the {@code score} command reads one ({@link RegistryCsv}: the same columns, the
 * same rules, every problem of every line), from what operators actually have:
 * <ul>
 *   <li>CSV in UTF-8 (with or without a byte order mark), in UTF-16 with its byte order mark, or in Windows-1251, which
 *       Excel in Russia writes for plain "CSV". Text that is neither (KOI8-R, say, which reads as Windows-1251 but with
 *       the case of every letter turned) is refused with a message saying how to save it, never read as mojibake.
 *   <li>XLSX: the first sheet, row 1 the header, each row's cells as Excel shows them (an INN stored as a number keeps
 *       its digits); a row's number is the line a problem names. POI's zip checks refuse a zip bomb.
 * </ul>
 * Beyond the CSV's own rules, one INN may appear only once: each organization gets its own account.
 */
public final class RegistryFiles {

    /** A file the rules refused; its problems, each with the line (or row) and column. */
    public static final class Refused extends Exception {
        private final List<LineProblem> problems;

        Refused(List<LineProblem> problems) {
            super(problems.size() + " problems");
            this.problems = problems;
        }

        public List<LineProblem> problems() {
            return problems;
        }
    }

    static {
        // An XLSX part that inflates more than 100 times, or past 100 MB, is a bomb, not a registry.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
    }

    private RegistryFiles() {}

    public static OrganizationRegistry read(String fileName, byte[] content) throws Refused {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        try {
            OrganizationRegistry registry;
            if (isZip(content)) {
                if (!name.endsWith(".xlsx")) {
                    throw refused("файл — архив, но не таблица XLSX: загрузите реестр в формате CSV или XLSX");
                }
                registry = RegistryCsv.read(new StringReader(csvOf(content)), true);
            } else if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
                throw refused("файл назван таблицей Excel, но не является XLSX (старый формат XLS не принимается): "
                        + "сохраните его как «Книга Excel (*.xlsx)» или как CSV");
            } else {
                registry = RegistryCsv.read(new StringReader(text(content)), true);
            }
            return registry;
        } catch (RegistryImportException e) {
            throw new Refused(e.problems());
        } catch (IOException e) {
            throw refused("файл не читается как таблица XLSX: " + describe(e));
        }
    }

    private static Refused refused(String reason) {
        return new Refused(List.of(new LineProblem(1, null, reason)));
    }

    /** The text of a CSV file in whichever of the encodings it is in; a refusal when it is in none of them. */
    static String text(byte[] bytes) throws Refused {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return decode(bytes, 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return decode(bytes, 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            String windows = decode(bytes, 0, Charset.forName("windows-1251"));
            if (looksLikeRussian(windows)) {
                return windows;
            }
            throw refused("файл не в кодировке UTF-8 или Windows-1251: откройте его в Excel и сохраните как «CSV UTF-8 "
                    + "(разделитель — запятая)» или как «Книга Excel (*.xlsx)»");
        }
    }

    private static String decode(byte[] bytes, int offset, Charset charset) throws Refused {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            throw refused(
                    "файл не в кодировке " + charset.displayName() + ", как можно было бы подумать по его началу: "
                            + "сохраните его как «CSV UTF-8 (разделитель — запятая)»");
        }
    }

    /**
     * Whether Windows-1251 text reads as Russian: in Russian most letters are lower case, while KOI8-R's lower case
     * letters sit where Windows-1251 has the upper case ones.
     */
    private static boolean looksLikeRussian(String text) {
        int lower = 0;
        int upper = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'а' && c <= 'я' || c == 'ё') {
                lower++;
            } else if (c >= 'А' && c <= 'Я' || c == 'Ё') {
                upper++;
            }
        }
        return lower + upper == 0 || lower >= upper;
    }

    private static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /** The first sheet as CSV text, one line per row (blank rows kept, so line numbers are row numbers). */
    private static String csvOf(byte[] xlsx) throws IOException, Refused {
        DataFormatter shown = new DataFormatter(Locale.ROOT);
        StringWriter text = new StringWriter();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx));
                CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT)) {
            if (workbook.getNumberOfSheets() == 0) {
                throw refused("в таблице нет ни одного листа");
            }
            Sheet sheet = workbook.getSheetAt(0);
            int width = 0;
            for (Row row : sheet) {
                width = Math.max(width, row.getLastCellNum());
            }
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>(width);
                for (int c = 0; c < width; c++) {
                    Cell cell = row == null ? null : row.getCell(c);
                    cells.add(
                            cell == null
                                    ? ""
                                    : shown.formatCellValue(cell)
                                            .replace('\n', ' ')
                                            .replace('\r', ' '));
                }
                csv.printRecord(cells);
            }
        }
        return text.toString();
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Zip bomb") || message.contains("zip bomb")) {
            return "в архиве слишком сильно сжатые данные (похоже на «zip-бомбу»)";
        }
        return e.getClass().getSimpleName();
    }
}
