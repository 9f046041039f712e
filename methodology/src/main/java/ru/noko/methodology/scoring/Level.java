package ru.noko.methodology.scoring;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A named band of a display scale (rating level, level of a management mechanism): a value belongs to the highest
 * band whose {@code min} it reaches. Applied to the value as published, rounded to 2 decimals half-up from the exact
 * value, so a reader never sees 81.00 labelled below the 81 band, nor 80.99 above it.
 */
public record Level(BigDecimal min, String name) {

    public static Optional<Level> of(List<Level> scale, BigFraction value) {
        return value == null ? Optional.empty() : ofPublished(scale, Exact.published(value));
    }

    /** The band of a value as published (2 decimals). */
    public static Optional<Level> ofPublished(List<Level> scale, BigDecimal published) {
        if (published == null || scale == null || scale.isEmpty()) {
            return Optional.empty();
        }
        return scale.stream()
                .filter(level -> published.compareTo(level.min()) >= 0)
                .max(Comparator.comparing(Level::min));
    }
}
