package ru.noko.export.files;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A ranking export of the size the ministry asks for, made up from a seed: an organizations sheet of 25 columns (every
 * kind, some empty cells) and an indicators sheet of 20 indicators per organization in 8 columns. The benchmark writes
 * it; the same seed always gives the same workbook.
 */
final class SyntheticExport {

    static final int INDICATORS_PER_ORGANIZATION = 20;

    private static final String[] TYPES = {
        "Общеобразовательная организация",
        "Дошкольная образовательная организация",
        "Организация дополнительного образования",
        "Профессиональная образовательная организация"
    };
    private static final String[] CRITERIA = {
        "Открытость и доступность информации",
        "Комфортность условий осуществления деятельности",
        "Доступность услуг для инвалидов",
        "Доброжелательность, вежливость работников",
        "Удовлетворённость условиями оказания услуг"
    };
    private static final Instant AS_OF = Instant.parse("2026-11-30T09:00:00Z");

    private SyntheticExport() {}

    static Workbook workbook(int organizations) {
        Random random = new Random(20261130L);
        List<List<Object>> orgRows = new ArrayList<>(organizations);
        List<List<Object>> indicatorRows = new ArrayList<>(organizations * INDICATORS_PER_ORGANIZATION);
        String[] indicatorCodes = new String[INDICATORS_PER_ORGANIZATION];
        String[] indicatorTitles = new String[INDICATORS_PER_ORGANIZATION];
        for (int k = 0; k < INDICATORS_PER_ORGANIZATION; k++) {
            indicatorCodes[k] = (k / 4 + 1) + "." + (k % 4 + 1);
            indicatorTitles[k] = "Показатель " + indicatorCodes[k] + ": " + CRITERIA[k / 4].toLowerCase();
        }
        for (int o = 0; o < organizations; o++) {
            String region = "Регион " + (o % 85 + 1);
            String municipality = region + ", муниципальный округ " + (o % 40 + 1);
            String id = String.format("%010d-org-%d", 3_800_000_000L + o * 7L, o);
            String name = "МБОУ «Средняя общеобразовательная школа № " + (o % 150 + 1) + "» " + municipality;
            long contingent = 100 + random.nextInt(1_900);
            long responses = contingent * (20 + random.nextInt(60)) / 100;
            BigDecimal total = score(random);
            boolean hasPrevious = random.nextInt(10) != 0;
            List<Object> row = new ArrayList<>(Arrays.asList(
                    id,
                    name,
                    region,
                    municipality,
                    TYPES[o % TYPES.length],
                    (long) (o % 500 + 1),
                    (long) (o % 40 + 1),
                    total,
                    score(random),
                    score(random),
                    score(random),
                    score(random),
                    score(random),
                    responses,
                    contingent,
                    share(responses, contingent),
                    responses / 2,
                    responses / 3,
                    responses - responses / 2 - responses / 3,
                    share(random.nextInt(1_001), 1_000),
                    random.nextBoolean(),
                    responses * 5 >= contingent,
                    hasPrevious
                            ? total.subtract(score(random)).movePointLeft(1).setScale(2, RoundingMode.HALF_UP)
                            : null,
                    hasPrevious ? score(random) : null,
                    AS_OF.minusSeconds(random.nextInt(86_400))));
            orgRows.add(row);
            for (int k = 0; k < INDICATORS_PER_ORGANIZATION; k++) {
                long denominator = responses;
                long numerator = denominator == 0 ? 0 : random.nextInt((int) denominator + 1);
                indicatorRows.add(Arrays.asList(
                        id,
                        indicatorCodes[k],
                        indicatorTitles[k],
                        score(random),
                        numerator,
                        denominator,
                        share(numerator, denominator),
                        o % 3 == 0 ? null : CRITERIA[k / 4]));
            }
        }
        List<Column> orgColumns = List.of(
                new Column("Код организации", ColumnKind.TEXT, 24),
                new Column("Наименование", ColumnKind.TEXT, 60),
                new Column("Регион", ColumnKind.TEXT, 14),
                new Column("Муниципалитет", ColumnKind.TEXT, 36),
                new Column("Тип организации", ColumnKind.TEXT, 30),
                new Column("Место в регионе", ColumnKind.INTEGER, 10),
                new Column("Место в муниципалитете", ColumnKind.INTEGER, 10),
                new Column("Итоговый балл", ColumnKind.DECIMAL_2, 10),
                new Column("Критерий 1", ColumnKind.DECIMAL_2, 10),
                new Column("Критерий 2", ColumnKind.DECIMAL_2, 10),
                new Column("Критерий 3", ColumnKind.DECIMAL_2, 10),
                new Column("Критерий 4", ColumnKind.DECIMAL_2, 10),
                new Column("Критерий 5", ColumnKind.DECIMAL_2, 10),
                new Column("Ответов", ColumnKind.INTEGER, 10),
                new Column("Контингент", ColumnKind.INTEGER, 10),
                new Column("Охват", ColumnKind.SHARE_PERCENT, 10),
                new Column("Ответов родителей", ColumnKind.INTEGER, 10),
                new Column("Ответов обучающихся", ColumnKind.INTEGER, 10),
                new Column("Ответов педагогов", ColumnKind.INTEGER, 10),
                new Column("Доля удовлетворённых", ColumnKind.SHARE_PERCENT, 10),
                new Column("Самообследование подано", ColumnKind.FLAG, 8),
                new Column("Достаточно ответов", ColumnKind.FLAG, 8),
                new Column("Изменение к прошлому году", ColumnKind.DECIMAL_2, 10),
                new Column("Балл прошлого года", ColumnKind.DECIMAL_2, 10),
                new Column("Данные на", ColumnKind.DATE_TIME, 20));
        List<Column> indicatorColumns = List.of(
                new Column("Код организации", ColumnKind.TEXT, 24),
                new Column("Код показателя", ColumnKind.TEXT, 8),
                new Column("Показатель", ColumnKind.TEXT, 60),
                new Column("Значение", ColumnKind.DECIMAL_2, 10),
                new Column("Числитель", ColumnKind.INTEGER, 10),
                new Column("Знаменатель", ColumnKind.INTEGER, 10),
                new Column("Доля", ColumnKind.SHARE_PERCENT, 10),
                new Column("Критерий", ColumnKind.TEXT, 40));
        return new Workbook(List.of(
                new Sheet("Организации", "organizations.csv", orgColumns, orgRows),
                new Sheet("Показатели", "indicators.csv", indicatorColumns, indicatorRows)));
    }

    /** A score from 0.00 to 100.00. */
    private static BigDecimal score(Random random) {
        return BigDecimal.valueOf(random.nextInt(10_001), 2);
    }

    /** numerator / denominator to four decimals, as a share the ranking would pass. */
    private static BigDecimal share(long numerator, long denominator) {
        return denominator == 0
                ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }
}
