package ru.noko.publication.site;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Published values as a Russian reader writes them: a decimal comma, two decimals as the methodology publishes them,
 * a true minus sign. The machine-readable value beside each (a {@code data-value} attribute, the open data) keeps the
 * point.
 */
public final class Numbers {

    private Numbers() {}

    public static String format(BigDecimal value) {
        if (value == null) {
            return "—";
        }
        String plain =
                value.setScale(2, RoundingMode.UNNECESSARY).toPlainString().replace('.', ',');
        return plain.startsWith("-") ? "−" + plain.substring(1) : plain;
    }

    /** A change, with its sign: +1,20, −0,35, 0,00. */
    public static String change(BigDecimal value) {
        if (value == null) {
            return "—";
        }
        return value.signum() > 0 ? "+" + format(value) : format(value);
    }

    /** A share as a percentage with two decimals: 0.4512 → 45,12 %. */
    public static String percent(BigDecimal share) {
        if (share == null) {
            return "—";
        }
        return format(share.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP)) + " %";
    }

    /** The machine-readable value: a point, no grouping; empty for none. */
    public static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
