package ru.noko.export.files;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The text a CSV file gives a checked cell, and the few texts the XLSX shares with it. Machine-readable in CSV
 * (plain decimals, {@code true}/{@code false}); the XLSX is what people read.
 */
final class CellText {

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String YES = "да";
    static final String NO = "нет";

    private CellText() {}

    /** The CSV text of a cell that {@link ColumnKind#problem} accepted; null stays null (an empty field). */
    static String csv(ColumnKind kind, Object value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case TEXT -> (String) value;
            case INTEGER -> Long.toString(((Number) value).longValue());
            case DECIMAL_2 ->
                ((BigDecimal) value).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
            case SHARE_PERCENT -> ((BigDecimal) value).toPlainString();
            case FLAG -> Boolean.toString((Boolean) value);
            case DATE_TIME -> DATE_TIME.format(utc((Instant) value));
        };
    }

    /** The wall-clock time in UTC, to the second: what both formats show. */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }
}
