package ru.noko.methodology.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A named band of a display scale (rating level, level of a management mechanism): a value belongs to the highest
 * band whose {@code min} it reaches. Applied to the value as published, rounded to 2 decimals half-up, so a reader
 * never sees 81.00 labelled below the 81 band.
 */
public record Level(double min, String name) {

    public static Optional<Level> of(List<Level> scale, Double value) {
        if (value == null || scale == null || scale.isEmpty()) {
            return Optional.empty();
        }
        double shown = Rounding.published(value);
        return scale.stream().filter(level -> shown >= level.min()).max(Comparator.comparingDouble(Level::min));
    }

    /** Published values: 2 decimals, half-up, from the full-precision value. */
    public static final class Rounding {
        private Rounding() {}

        public static double published(double value) {
            return new BigDecimal(Double.toString(value)).setScale(2, RoundingMode.HALF_UP).doubleValue();
        }
    }
}
