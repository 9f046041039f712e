package ru.noko.export.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes with fastexcel, reads back with Apache POI: what Excel would find in the file. */
class XlsxWriterTest {

    @TempDir
    Path dir;

    private XSSFWorkbook writtenAndReadBack(Workbook workbook) throws Exception {
        Path file = dir.resolve("export.xlsx");
        XlsxWriter.write(workbook, file);
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    @Test
    void hasTheSheetsInOrderWithTheirRussianNames() throws Exception {
        try (XSSFWorkbook xlsx = writtenAndReadBack(SmallExport.workbook())) {
            assertThat(xlsx.getNumberOfSheets()).isEqualTo(2);
            assertThat(xlsx.getSheetName(0)).isEqualTo("Организации");
            assertThat(xlsx.getSheetName(1)).isEqualTo("Показатели");
        }
    }

    @Test
    void headersAreBoldInAFrozenFirstRowWithAnAutofilterOverTheTable() throws Exception {
        try (XSSFWorkbook xlsx = writtenAndReadBack(SmallExport.workbook())) {
            XSSFSheet sheet = xlsx.getSheetAt(0);
            XSSFRow header = sheet.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Код организации");
            assertThat(header.getCell(6).getStringCellValue()).isEqualTo("Данные на");
            for (Cell cell : header) {
                assertThat(xlsx.getFontAt(cell.getCellStyle().getFontIndex()).getBold())
                        .as("header %s is bold", cell.getStringCellValue())
                        .isTrue();
            }
            assertThat(xlsx.getFontAt(sheet.getRow(1).getCell(0).getCellStyle().getFontIndex())
                            .getBold())
                    .isFalse();

            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).as("rows frozen").isEqualTo((short) 1);
            assertThat(pane.getVerticalSplitPosition()).as("columns frozen").isEqualTo((short) 0);

            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:G5");
            assertThat(xlsx.getSheetAt(1).getCTWorksheet().getAutoFilter().getRef())
                    .isEqualTo("A1:C3");
        }
    }

    @Test
    void columnsHaveTheirWidthsInCharacters() throws Exception {
        try (XSSFWorkbook xlsx = writtenAndReadBack(SmallExport.workbook())) {
            XSSFSheet sheet = xlsx.getSheetAt(0);
            List<Column> columns = SmallExport.workbook().sheets().get(0).columns();
            for (int c = 0; c < columns.size(); c++) {
                assertThat(sheet.getColumnWidth(c))
                        .as(columns.get(c).header())
                        .isEqualTo(columns.get(c).width() * 256);
            }
        }
    }

    @Test
    void numbersCarryTheirKindsFormatAndTheirExactValue() throws Exception {
        try (XSSFWorkbook xlsx = writtenAndReadBack(SmallExport.workbook())) {
            XSSFRow row = xlsx.getSheetAt(0).getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("3808012345-school-7");
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("МБОУ «СОШ № 7», Иркутск");

            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(1.0);
            assertThat(row.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("0");
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(31.88);
            assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.00");
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(0.3188);
            assertThat(row.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(row.getCell(6).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 30, 9, 15, 0));
            assertThat(row.getCell(6).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
        }
    }

    @Test
    void flagsAreDaOrNet() throws Exception {
        try (XSSFWorkbook xlsx = writtenAndReadBack(SmallExport.workbook())) {
            XSSFSheet sheet = xlsx.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).isEqualTo("да");
            assertThat(sheet.getRow(2).getCell(5).getStringCellValue()).isEqualTo("нет");
        }
    }

    @Test
    void anEmptyCellHasNoValueNotZero() throws Exception {
        try (XSSFWorkbook xlsx = writtenAndReadBack(SmallExport.workbook())) {
            XSSFRow row = xlsx.getSheetAt(0).getRow(3);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("Школа № 12");
            for (int c = 2; c <= 6; c++) {
                Cell cell = row.getCell(c);
                assertThat(cell == null || cell.getCellType() == CellType.BLANK)
                        .as("column %d is blank", c)
                        .isTrue();
            }
            // Blank, but still formatted: a figure typed in later shows like the others.
            assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.00");
        }
    }

    @Test
    void printsOnA4LandscapeWithTheHeaderOnEveryPage() throws Exception {
        try (XSSFWorkbook xlsx = writtenAndReadBack(SmallExport.workbook())) {
            XSSFSheet sheet = xlsx.getSheetAt(0);
            assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
            assertThat(sheet.getPrintSetup().getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
            assertThat(sheet.getRepeatingRows().formatAsString()).isEqualTo("1:1");
        }
    }

    @Test
    void everyRowArrivesWhenASheetIsWrittenInSeveralFlushes() throws Exception {
        Workbook workbook = SyntheticExport.workbook(125); // 2,500 indicator rows: two full blocks and a half
        Sheet indicators = workbook.sheets().get(1);

        try (XSSFWorkbook xlsx = writtenAndReadBack(workbook)) {
            XSSFSheet sheet = xlsx.getSheetAt(1);
            assertThat(sheet.getLastRowNum()).isEqualTo(2_500);
            for (int i : new int[] {0, 999, 1_000, 1_999, 2_000, 2_499}) {
                XSSFRow row = sheet.getRow(i + 1);
                List<Object> expected = indicators.rows().get(i);
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo(expected.get(0));
                assertThat(BigDecimal.valueOf(row.getCell(3).getNumericCellValue()))
                        .isEqualByComparingTo((BigDecimal) expected.get(3));
                assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.00");
                assertThat(row.getCell(6).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            }
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:H2501");
        }
    }

    @Test
    void aSheetWithoutRowsStillHasItsHeaderFrozenAndFiltered() throws Exception {
        Sheet empty = new Sheet(
                "Нет данных",
                "empty.csv",
                List.of(new Column("Организация", ColumnKind.TEXT, 20), new Column("Балл", ColumnKind.DECIMAL_2, 8)),
                List.of());

        try (XSSFWorkbook xlsx = writtenAndReadBack(new Workbook(List.of(empty)))) {
            XSSFSheet sheet = xlsx.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isZero();
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Балл");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B1");
        }
    }

    @Test
    void theSameWorkbookGivesTheSameBytes() throws Exception {
        XlsxWriter.write(SmallExport.workbook(), dir.resolve("first.xlsx"));
        Thread.sleep(1_100); // past a second: a clock anywhere in the file would show
        XlsxWriter.write(SmallExport.workbook(), dir.resolve("second.xlsx"));

        assertThat(Files.readAllBytes(dir.resolve("second.xlsx")))
                .isEqualTo(Files.readAllBytes(dir.resolve("first.xlsx")));
    }

    @Test
    void thePackageCarriesNoTimeOfWriting() throws Exception {
        Path file = dir.resolve("export.xlsx");
        XlsxWriter.write(SmallExport.workbook(), file);

        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                assertThat(entry.getTimeLocal()).as(entry.getName()).isEqualTo(LocalDateTime.of(1980, 1, 1, 0, 0));
            }
            String core = new String(
                    zip.getInputStream(zip.getEntry("docProps/core.xml")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(core).contains("<dc:creator>noko</dc:creator>").doesNotContain("created");
        }
    }

    @Test
    void neverReplacesAnExistingFileAndLeavesNoDraftBehind() throws Exception {
        Path file = Files.writeString(dir.resolve("export.xlsx"), "earlier");

        assertThatThrownBy(() -> XlsxWriter.write(SmallExport.workbook(), file))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("earlier");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
