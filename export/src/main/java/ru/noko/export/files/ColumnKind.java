package ru.noko.export.files;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What a column holds, which Java type its cells must have, and so how each file format shows it. The writers never
 * round: a figure arrives as the ranking computed it, and a cell of the wrong type or precision is refused when the
 * {@link Sheet} is made rather than written in some other way.
 */
public enum ColumnKind {

    /** A {@link String} of whole Unicode characters. An empty string is written as an empty cell, like null. */
    TEXT(String.class),

    /**
     * An {@link Integer} or {@link Long} (also {@link Short}, {@link Byte}) of at most 2^53 in magnitude: a spreadsheet
     * keeps numbers as doubles, which hold every integer up to that exactly. XLSX number format {@code 0}.
     */
    INTEGER(Number.class),

    /**
     * A {@link BigDecimal} with at most two decimals, such as 31.88 (31.880 is accepted, 31.875 is not: the caller
     * rounds). CSV: exactly two decimals with a dot ({@code 31.88}, {@code 7.00}), from the decimal itself, never
     * through a double. XLSX: a number with format {@code 0.00}.
     */
    DECIMAL_2(BigDecimal.class),

    /**
     * A share from 0 to 1 as a {@link BigDecimal}, such as 0.3188. CSV: the decimal as given ({@code 0.3188}). XLSX:
     * the same number with format {@code 0.0%}, shown as 31.9%.
     */
    SHARE_PERCENT(BigDecimal.class),

    /** A {@link Boolean}. CSV: {@code true} / {@code false}. XLSX: the text «да» / «нет». */
    FLAG(Boolean.class),

    /**
     * An {@link Instant} from 1900 to 9999, to the second (a fraction of a second is dropped in both formats). CSV: UTC
     * as {@code yyyy-MM-dd HH:mm:ss}. XLSX: a date cell (UTC) with format {@code yyyy-mm-dd hh:mm:ss}.
     */
    DATE_TIME(Instant.class);

    /** Integers beyond this lose digits in a spreadsheet's doubles. */
    private static final long LARGEST_EXACT_INTEGER = 1L << 53;

    private final Class<?> type;

    ColumnKind(Class<?> type) {
        this.type = type;
    }

    /**
     * Why a non-null value does not fit this kind, or null when it does.
     */
    String problem(Object value) {
        if (!type.isInstance(value)) {
            return "expected " + expectedType() + ", got " + value.getClass().getSimpleName() + " " + value;
        }
        switch (this) {
            case INTEGER:
                if (!(value instanceof Integer
                        || value instanceof Long
                        || value instanceof Short
                        || value instanceof Byte)) {
                    return "expected " + expectedType() + ", got "
                            + value.getClass().getSimpleName() + " " + value;
                }
                long integer = ((Number) value).longValue();
                return Math.abs(integer) > LARGEST_EXACT_INTEGER
                        ? "integer " + integer + " is beyond 2^53, which a spreadsheet cannot hold exactly"
                        : null;
            case DECIMAL_2:
                try {
                    ((BigDecimal) value).setScale(2, RoundingMode.UNNECESSARY);
                    return null;
                } catch (ArithmeticException notRounded) {
                    return "figure " + ((BigDecimal) value).toPlainString()
                            + " has more than two decimals: round it first";
                }
            case SHARE_PERCENT:
                BigDecimal share = (BigDecimal) value;
                return share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0
                        ? "share " + share.toPlainString() + " is outside 0..1"
                        : null;
            case TEXT:
                return wholeCharacters((String) value)
                        ? null
                        : "text «" + value + "» has half of a UTF-16 surrogate pair, which no file format can hold";
            case DATE_TIME:
                int year = ((Instant) value).atOffset(ZoneOffset.UTC).getYear();
                return year < 1900 || year > 9999 ? "date " + value + " is outside the years 1900..9999" : null;
            default:
                return null;
        }
    }

    private static boolean wholeCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private String expectedType() {
        return this == INTEGER ? "Integer or Long" : type.getSimpleName();
    }
}
