package ru.noko.export.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one sheet as a CSV file for loading into other systems: UTF-8 without a byte order mark, comma-separated,
 * fields quoted as RFC 4180 says (only where needed, a quote doubled), CRLF line ends (RFC 4180's), the Russian headers
 * as the first row, then one line per row. People open the XLSX; a BOM would only reach a loader as part of the first
 * header. The same sheet always gives the same bytes.
 */
public final class CsvWriter {

    /**
     * Commons CSV's RFC 4180 format. Its minimal quoting also quotes a field that starts with a character up to
     * {@code #} (a space, {@code !}, {@code "}, {@code #}) or ends with a space: every reader of RFC 4180 reads those
     * back unchanged. An empty cell is an empty field, never {@code ""}.
     */
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private CsvWriter() {}

    /** Writes the sheet into a new file; fails if the file exists. */
    public static void write(Sheet sheet, Path file) throws IOException {
        // An encoder that reports, not replaces: text the model let through always encodes, and if not, say so.
        try (Writer out = new BufferedWriter(
                        new OutputStreamWriter(
                                Files.newOutputStream(file, StandardOpenOption.CREATE_NEW),
                                StandardCharsets.UTF_8.newEncoder()),
                        1 << 16);
                CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(sheet.columns().stream().map(Column::header));
            List<String> fields = new ArrayList<>(sheet.columns().size());
            for (List<Object> row : sheet.rows()) {
                fields.clear();
                for (int c = 0; c < row.size(); c++) {
                    fields.add(CellText.csv(sheet.columns().get(c).kind(), row.get(c)));
                }
                printer.printRecord(fields);
            }
        }
    }
}
