package ru.noko.export.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SheetTest {

    private static final List<Column> FIGURES =
            List.of(new Column("Организация", ColumnKind.TEXT, 20), new Column("Балл", ColumnKind.DECIMAL_2, 8));

    private static Sheet sheet(Object... cells) {
        return new Sheet("Баллы", "scores.csv", FIGURES, List.of(Arrays.asList(cells)));
    }

    @Test
    void acceptsAFigureWithTwoDecimalsOrFewerAndRefusesOneNotYetRounded() {
        assertThat(sheet("Школа", new BigDecimal("31.880")).rows()).hasSize(1);
        assertThat(sheet("Школа", new BigDecimal("32")).rows()).hasSize(1);

        assertThatThrownBy(() -> sheet("Школа", new BigDecimal("31.875")))
                .hasMessageContaining("«Балл»")
                .hasMessageContaining("31.875")
                .hasMessageContaining("round it first");
    }

    @Test
    void refusesADoubleWhereADecimalBelongs() {
        assertThatThrownBy(() -> sheet("Школа", 31.88)).hasMessageContaining("expected BigDecimal, got Double 31.88");
    }

    @Test
    void refusesAShareOutsideZeroToOneAndAnIntegerASpreadsheetCannotHold() {
        List<Column> columns =
                List.of(new Column("Доля", ColumnKind.SHARE_PERCENT, 8), new Column("Ответов", ColumnKind.INTEGER, 8));

        assertThatThrownBy(() ->
                        new Sheet("Доли", "shares.csv", columns, List.of(Arrays.asList(new BigDecimal("1.01"), 5))))
                .hasMessageContaining("outside 0..1");
        assertThatThrownBy(() -> new Sheet(
                        "Доли", "shares.csv", columns, List.of(Arrays.asList(new BigDecimal("0.5"), (1L << 53) + 1))))
                .hasMessageContaining("2^53");
    }

    @Test
    void refusesARowWithTooFewCells() {
        assertThatThrownBy(() -> sheet("Школа")).hasMessageContaining("a row has 1 cells for 2 columns");
    }

    @Test
    void refusesTextWithHalfACharacter() {
        assertThat(sheet("Школа \uD83C\uDF93", null).rows()).hasSize(1);

        assertThatThrownBy(() -> sheet("Школа \uD83C", null)).hasMessageContaining("surrogate");
    }

    @Test
    void anEmptyStringIsAnEmptyCellLikeNull() {
        assertThat(sheet("", null).rows().get(0)).containsExactly(null, null);
    }

    @Test
    void keepsItsOwnCopyOfTheRows() {
        List<Object> row = new ArrayList<>(Arrays.asList("Школа", new BigDecimal("1.00")));
        Sheet sheet = new Sheet("Баллы", "scores.csv", FIGURES, List.of(row));

        row.set(0, "Другая");

        assertThat(sheet.rows().get(0).get(0)).isEqualTo("Школа");
        assertThatThrownBy(() -> sheet.rows().get(0).set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesNamesExcelOrAFileSystemWouldNot() {
        assertThatThrownBy(() -> new Sheet("Итоги: регион", "totals.csv", FIGURES, List.of()))
                .hasMessageContaining("not one Excel accepts");
        assertThatThrownBy(() -> new Sheet("Очень длинное имя листа больше 31", "totals.csv", FIGURES, List.of()))
                .hasMessageContaining("not one Excel accepts");
        assertThatThrownBy(() -> new Sheet("Итоги", "итоги.csv", FIGURES, List.of()))
                .hasMessageContaining("must be ASCII");
        assertThatThrownBy(() -> new Workbook(List.of(
                        new Sheet("Итоги", "a.csv", FIGURES, List.of()),
                        new Sheet("ИТОГИ", "b.csv", FIGURES, List.of()))))
                .hasMessageContaining("two sheets are named");
        assertThatThrownBy(() -> new Workbook(List.of(
                        new Sheet("Итоги", "a.csv", FIGURES, List.of()),
                        new Sheet("Баллы", "A.csv", FIGURES, List.of()))))
                .hasMessageContaining("two sheets are written to");
    }

    @Test
    void refusesADateExcelCannotShow() {
        List<Column> columns = List.of(new Column("Дата", ColumnKind.DATE_TIME, 19));

        assertThatThrownBy(() -> new Sheet(
                        "Даты",
                        "dates.csv",
                        columns,
                        List.of(Arrays.<Object>asList(Instant.parse("1899-12-31T23:59:59Z")))))
                .hasMessageContaining("1900..9999");
    }
}
