package ru.noko.methodology.scoring;

import java.math.BigDecimal;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * One computed figure of an organization, in points 0..100: an indicator, a criterion, a score, a topic share.
 *
 * @param id as in the model ({@code 1.3}, {@code K1}, {@code S}, {@code topic.food})
 * @param name the Russian name analysts read
 * @param exact the exact value, or {@code null} when the status is not OK
 * @param status whether it could be computed
 * @param note why a value is partial, or null: a criterion whose weights were rescaled over its defined indicators,
 *     an indicator averaged over fewer parts than it has (methodology, zero denominators)
 */
public record Metric(String id, String name, BigFraction exact, MetricStatus status, String note) {

    public static Metric ok(String id, String name, BigFraction exact, String note) {
        return new Metric(id, name, exact, MetricStatus.OK, note);
    }

    public static Metric undefined(String id, String name, MetricStatus status) {
        return new Metric(id, name, null, status, null);
    }

    public boolean isDefined() {
        return status == MetricStatus.OK;
    }

    /** The double nearest the exact value (full precision, no rounding noise), or null when undefined. */
    public Double value() {
        return exact == null ? null : exact.doubleValue();
    }

    /** The value as published: 2 decimals, half-up from the exact value; null when undefined. */
    public BigDecimal published() {
        return exact == null ? null : Exact.published(exact);
    }

    /** Computed from part of its inputs with the weights rescaled (see {@link #note}). */
    public boolean rescaled() {
        return note != null;
    }
}
