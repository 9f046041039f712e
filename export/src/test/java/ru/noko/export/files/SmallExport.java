package ru.noko.export.files;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A small ranking export with every kind of column and the cases that need care: quotes, commas, empty cells. */
final class SmallExport {

    static final Instant AS_OF = Instant.parse("2026-11-30T09:15:00.900Z");
    private static final String OPENNESS = "1.1 Открытость и доступность информации";

    private SmallExport() {}

    static Workbook workbook() {
        Sheet organizations = new Sheet(
                "Организации",
                "organizations.csv",
                List.of(
                        new Column("Код организации", ColumnKind.TEXT, 19),
                        new Column("Наименование", ColumnKind.TEXT, 23),
                        new Column("Место", ColumnKind.INTEGER, 6),
                        new Column("Итоговый балл", ColumnKind.DECIMAL_2, 14),
                        new Column("Охват", ColumnKind.SHARE_PERCENT, 7),
                        new Column("Отчёт подан", ColumnKind.FLAG, 12),
                        new Column("Данные на", ColumnKind.DATE_TIME, 19)),
                List.of(
                        row("3808012345-school-7", "МБОУ «СОШ № 7», Иркутск", 1, "31.88", "0.3188", true, AS_OF),
                        row("3808012346-gym-1", "Гимназия \"Лидер\"", 2L, "7", "1", false, AS_OF),
                        row("3808012347-school-12", "Школа № 12", null, null, null, null, null),
                        row(null, "Без кода в реестре", 4, "0.50", "0", null, Instant.parse("2026-01-02T03:04:05Z"))));
        Sheet indicators = new Sheet(
                "Показатели",
                "indicators.csv",
                List.of(
                        new Column("Код организации", ColumnKind.TEXT, 22),
                        new Column("Показатель", ColumnKind.TEXT, 40),
                        new Column("Значение", ColumnKind.DECIMAL_2, 9)),
                List.of(
                        Arrays.asList("3808012345-school-7", OPENNESS, new BigDecimal("95.40")),
                        Arrays.asList("3808012346-gym-1", OPENNESS, new BigDecimal("100"))));
        return new Workbook(List.of(organizations, indicators));
    }

    private static List<Object> row(
            String id, String name, Number place, String total, String coverage, Boolean report, Instant asOf) {
        return Arrays.asList(
                id,
                name,
                place,
                total == null ? null : new BigDecimal(total),
                coverage == null ? null : new BigDecimal(coverage),
                report,
                asOf);
    }
}
