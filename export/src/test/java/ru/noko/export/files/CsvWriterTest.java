package ru.noko.export.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesUtf8WithoutBomCommasRfc4180QuotingCrlfAndTwoDecimals() throws Exception {
        Path file = dir.resolve("organizations.csv");

        CsvWriter.write(SmallExport.workbook().sheets().get(0), file);

        String expected = ""
                + "Код организации,Наименование,Место,Итоговый балл,Охват,Отчёт подан,Данные на\r\n"
                + "3808012345-school-7,\"МБОУ «СОШ № 7», Иркутск\",1,31.88,0.3188,true,2026-11-30 09:15:00\r\n"
                + "3808012346-gym-1,\"Гимназия \"\"Лидер\"\"\",2,7.00,1,false,2026-11-30 09:15:00\r\n"
                + "3808012347-school-12,Школа № 12,,,,,\r\n"
                + ",Без кода в реестре,4,0.50,0,,2026-01-02 03:04:05\r\n";
        byte[] written = Files.readAllBytes(file);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(written).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLineBreakInATextStaysInsideItsQuotedField() throws Exception {
        Sheet notes = new Sheet(
                "Примечания",
                "notes.csv",
                List.of(new Column("Примечание", ColumnKind.TEXT, 40), new Column("Ответов", ColumnKind.INTEGER, 8)),
                List.of(Arrays.asList("первая строка\r\nвторая", 12)));
        Path file = dir.resolve("notes.csv");

        CsvWriter.write(notes, file);

        assertThat(Files.readString(file)).isEqualTo("Примечание,Ответов\r\n\"первая строка\r\nвторая\",12\r\n");
    }

    @Test
    void theFileStartsWithTheFirstHeaderNotAByteOrderMark() throws Exception {
        Path file = dir.resolve("organizations.csv");

        CsvWriter.write(SmallExport.workbook().sheets().get(0), file);

        assertThat(Files.readAllBytes(file)).startsWith("Код".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSameSheetGivesTheSameBytes() throws Exception {
        CsvWriter.write(SmallExport.workbook().sheets().get(1), dir.resolve("first.csv"));
        CsvWriter.write(SmallExport.workbook().sheets().get(1), dir.resolve("second.csv"));

        assertThat(Files.readAllBytes(dir.resolve("second.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("first.csv")));
        assertThat(Files.readString(dir.resolve("first.csv")))
                .isEqualTo(""
                        + "Код организации,Показатель,Значение\r\n"
                        + "3808012345-school-7,1.1 Открытость и доступность информации,95.40\r\n"
                        + "3808012346-gym-1,1.1 Открытость и доступность информации,100.00\r\n");
    }

    @Test
    void neverReplacesAnExistingFile() throws Exception {
        Path file = Files.writeString(dir.resolve("organizations.csv"), "earlier");

        assertThatThrownBy(() -> CsvWriter.write(SmallExport.workbook().sheets().get(0), file))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("earlier");
    }
}
