package ru.noko.export.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a workbook as XLSX with fastexcel, which streams each sheet's rows into the zip as it goes (measured against
 * POI's SXSSF in BENCHMARKS.md). Every sheet: the headers in bold in a frozen first row, an autofilter over the whole
 * table, the columns' widths, and a number format per kind ({@code 0}, {@code 0.00}, {@code 0.0%},
 * {@code yyyy-mm-dd hh:mm:ss}); flags are the text «да»/«нет»; a null cell has no value; printed on A4 landscape with
 * the header row on every page. The same workbook always gives the same bytes (see {@link ReproducibleZip}).
 */
public final class XlsxWriter {

    /** The application named in the document properties. */
    static final String APPLICATION = "noko";

    /** fastexcel keeps a sheet's rows in memory until a flush; this many at a time bounds the heap. */
    private static final int ROWS_PER_FLUSH = 1_000;

    private XlsxWriter() {}

    /** Writes the workbook into a new file; fails if the file exists. */
    public static void write(Workbook workbook, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path draft = Files.createTempFile(absolute.getParent(), ".draft-", ".xlsx");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(draft), 1 << 16)) {
                org.dhatim.fastexcel.Workbook xlsx = new org.dhatim.fastexcel.Workbook(out, APPLICATION, null);
                for (Sheet sheet : workbook.sheets()) {
                    writeSheet(xlsx.newWorksheet(sheet.name()), sheet);
                }
                xlsx.finish();
            }
            ReproducibleZip.copy(draft, absolute);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    private static void writeSheet(Worksheet ws, Sheet sheet) throws IOException {
        List<Column> columns = sheet.columns();
        int lastColumn = columns.size() - 1;
        // fastexcel writes the column widths with the first flushed rows: they come first.
        for (int c = 0; c <= lastColumn; c++) {
            ws.width(c, columns.get(c).width());
            ws.value(0, c, columns.get(c).header());
        }
        // Long Russian headers over narrow figure columns: wrapped, so each is read whole.
        ws.range(0, 0, 0, lastColumn)
                .style()
                .bold()
                .wrapText(true)
                .verticalAlignment("top")
                .set();
        // Readers do not grow a row for wrapped text by themselves: room for four lines.
        ws.rowHeight(0, 60);
        ws.freezePane(0, 1);
        ws.setAutoFilter(0, 0, sheet.rows().size(), lastColumn);
        // Printed (or saved as PDF) by someone at the ministry: A4, wide tables across, the header on every page.
        ws.paperSize(PaperSize.A4_PAPER);
        ws.pageOrientation("landscape");
        // Printed, a sheet is as wide as one page and as long as it needs: a ranking is read across its row.
        ws.setFitToPage(true);
        ws.fitToWidth((short) 1);
        ws.fitToHeight((short) 0);
        ws.repeatRows(0);

        int firstUnflushed = 1;
        List<List<Object>> rows = sheet.rows();
        for (int i = 0; i < rows.size(); i++) {
            int r = i + 1;
            List<Object> row = rows.get(i);
            for (int c = 0; c <= lastColumn; c++) {
                writeCell(ws, r, c, columns.get(c).kind(), row.get(c));
            }
            if (r - firstUnflushed + 1 == ROWS_PER_FLUSH || i == rows.size() - 1) {
                formatColumns(ws, columns, firstUnflushed, r);
                ws.flush();
                firstUnflushed = r + 1;
            }
        }
        ws.finish();
    }

    private static void writeCell(Worksheet ws, int r, int c, ColumnKind kind, Object value) {
        if (value == null) {
            return;
        }
        switch (kind) {
            case TEXT -> ws.value(r, c, (String) value);
            case INTEGER -> ws.value(r, c, ((Number) value).longValue());
            case DECIMAL_2, SHARE_PERCENT -> ws.value(r, c, (BigDecimal) value);
            case FLAG -> ws.value(r, c, (Boolean) value ? CellText.YES : CellText.NO);
            case DATE_TIME -> ws.value(r, c, CellText.utc((Instant) value));
        }
    }

    /** One style per column and block of rows: fastexcel merges it into each cell's, cached by the workbook. */
    private static void formatColumns(Worksheet ws, List<Column> columns, int firstRow, int lastRow) {
        for (int c = 0; c < columns.size(); c++) {
            String format = numberFormat(columns.get(c).kind());
            if (format != null) {
                ws.range(firstRow, c, lastRow, c).style().format(format).set();
            }
        }
    }

    static String numberFormat(ColumnKind kind) {
        return switch (kind) {
            case INTEGER -> "0";
            case DECIMAL_2 -> "0.00";
            case SHARE_PERCENT -> "0.0%";
            case DATE_TIME -> "yyyy-mm-dd hh:mm:ss";
            case TEXT, FLAG -> null;
        };
    }
}
