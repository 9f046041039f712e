package ru.noko.methodology.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
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
 * @param parts the counts the value was computed from, in the model's order (docs/methodology.md, section 4.4): one
 *     per share or ratio it rests on, or the items a points-per-item indicator counted; empty for criteria and the
 *     score, which are weighted means of figures rather than ratios of counts, and for every undefined figure
 */
public record Metric(String id, String name, BigFraction exact, MetricStatus status, String note, List<Part> parts) {

    /**
     * One ratio of counts behind a figure: {@code numerator} of {@code denominator} (3 of 16 items on the stands,
     * 8 of 10 respondents satisfied). A denominator of 0 means there is none: the part counts items that earn points
     * each (1.2: 3 remote channels). A share whose denominator is zero is undefined and is no part of any figure.
     */
    public record Part(long numerator, long denominator) {

        /** Items counted, with no denominator (points per item). */
        public static Part items(long items) {
            return new Part(items, 0);
        }

        public boolean hasDenominator() {
            return denominator != 0;
        }

        /** {@code 3/16}, or {@code 3} when there is no denominator. */
        public String text() {
            return hasDenominator() ? numerator + "/" + denominator : Long.toString(numerator);
        }
    }

    public Metric {
        parts = parts == null ? List.of() : List.copyOf(parts);
        // A value that could not be computed was computed from nothing: no counts to show beside it.
        if (status != MetricStatus.OK && !parts.isEmpty()) {
            throw new IllegalArgumentException(id + " is " + status + " and cannot have parts");
        }
    }

    /** A figure without parts (criteria, the score). */
    public Metric(String id, String name, BigFraction exact, MetricStatus status, String note) {
        this(id, name, exact, status, note, List.of());
    }

    public static Metric ok(String id, String name, BigFraction exact, String note) {
        return new Metric(id, name, exact, MetricStatus.OK, note, List.of());
    }

    public static Metric ok(String id, String name, BigFraction exact, String note, List<Part> parts) {
        return new Metric(id, name, exact, MetricStatus.OK, note, parts);
    }

    public static Metric undefined(String id, String name, MetricStatus status) {
        return new Metric(id, name, null, status, null, List.of());
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

    /** Σ of the parts' numerators: for a one-part share exactly its numerator count; 0 without parts. */
    public long numerator() {
        return parts.stream().mapToLong(Part::numerator).sum();
    }

    /** Σ of the parts' denominators: for a one-part share exactly its denominator count; 0 without parts or denominators. */
    public long denominator() {
        return parts.stream().mapToLong(Part::denominator).sum();
    }

    /** The parts as text, {@code 3/16;9/20} ({@code 3} for items without a denominator); empty without parts. */
    public String partsText() {
        return parts.stream().map(Part::text).collect(Collectors.joining(";"));
    }
}
