package ru.noko.export.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The other side of the XLSX benchmark: the same workbook as {@link XlsxWriter} writes (bold frozen headers,
 * autofilter, widths, the same number formats, «да»/«нет», the same reproducible package), written with Apache POI's
 * streaming SXSSF. Kept in the tests only; bench/xlsx-writers.sh runs both.
 */
final class SxssfXlsxWriter {

    /** Rows SXSSF keeps in memory before writing them to its temporary file (its default). */
    private static final int WINDOW = SXSSFWorkbook.DEFAULT_WINDOW_SIZE;

    private SxssfXlsxWriter() {}

    static void write(Workbook workbook, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path draft = Files.createTempFile(absolute.getParent(), ".draft-", ".xlsx");
        try {
            try (SXSSFWorkbook xlsx = new SXSSFWorkbook(WINDOW);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(draft), 1 << 16)) {
                xlsx.getXSSFWorkbook()
                        .getProperties()
                        .getCoreProperties()
                        .getUnderlyingProperties()
                        .setCreatorProperty(Optional.of(XlsxWriter.APPLICATION));
                CellStyle bold = xlsx.createCellStyle();
                Font font = xlsx.createFont();
                font.setBold(true);
                bold.setFont(font);
                Map<ColumnKind, CellStyle> styles = new EnumMap<>(ColumnKind.class);
                for (ColumnKind kind : ColumnKind.values()) {
                    String format = XlsxWriter.numberFormat(kind);
                    if (format != null) {
                        CellStyle style = xlsx.createCellStyle();
                        style.setDataFormat(xlsx.createDataFormat().getFormat(format));
                        styles.put(kind, style);
                    }
                }
                for (Sheet sheet : workbook.sheets()) {
                    writeSheet(xlsx.createSheet(sheet.name()), sheet, bold, styles);
                }
                xlsx.write(out);
            }
            ReproducibleZip.copy(draft, absolute);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    private static void writeSheet(SXSSFSheet ws, Sheet sheet, CellStyle bold, Map<ColumnKind, CellStyle> styles) {
        List<Column> columns = sheet.columns();
        Row header = ws.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            ws.setColumnWidth(c, columns.get(c).width() * 256);
            var cell = header.createCell(c);
            cell.setCellValue(columns.get(c).header());
            cell.setCellStyle(bold);
        }
        ws.createFreezePane(0, 1);
        ws.setAutoFilter(new CellRangeAddress(0, sheet.rows().size(), 0, columns.size() - 1));
        for (int i = 0; i < sheet.rows().size(); i++) {
            List<Object> values = sheet.rows().get(i);
            Row row = ws.createRow(i + 1);
            for (int c = 0; c < columns.size(); c++) {
                Object value = values.get(c);
                if (value == null) {
                    continue;
                }
                ColumnKind kind = columns.get(c).kind();
                var cell = row.createCell(c);
                switch (kind) {
                    case TEXT -> cell.setCellValue((String) value);
                    case INTEGER -> cell.setCellValue(((Number) value).longValue());
                    case DECIMAL_2, SHARE_PERCENT -> cell.setCellValue(((BigDecimal) value).doubleValue());
                    case FLAG -> cell.setCellValue((Boolean) value ? CellText.YES : CellText.NO);
                    case DATE_TIME -> cell.setCellValue(CellText.utc((Instant) value));
                }
                CellStyle style = styles.get(kind);
                if (style != null) {
                    cell.setCellStyle(style);
                }
            }
        }
    }
}
