package ru.noko.methodology.scoring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * The arithmetic every figure is computed in. Inputs are counts and fixed decimal weights, so every figure is a
 * rational number: it is kept as an exact fraction, and a published value is rounded once, half-up, from it. Binary
 * floating point would turn a tie such as 255/8 = 31.875 into 31.874999… and publish 31.87.
 */
public final class Exact {

    public static final BigFraction ZERO = BigFraction.ZERO;
    public static final BigFraction HUNDRED = BigFraction.of(100);
    /** Published values have two decimals. */
    public static final int PUBLISHED_SCALE = 2;

    private Exact() {}

    /** The exact value of a decimal written in a data file (a weight of 0.3 is 3/10, not the double nearest it). */
    public static BigFraction of(BigDecimal decimal) {
        BigInteger unscaled = decimal.unscaledValue();
        int scale = decimal.scale();
        return scale >= 0
                ? BigFraction.of(unscaled, BigInteger.TEN.pow(scale))
                : BigFraction.of(unscaled.multiply(BigInteger.TEN.pow(-scale)));
    }

    /** 100 × numerator / denominator; the caller makes sure the denominator is not zero. */
    public static BigFraction percent(long numerator, long denominator) {
        return BigFraction.of(numerator, denominator).multiply(100);
    }

    /** The plain mean; the caller makes sure there is at least one value. */
    public static BigFraction mean(List<BigFraction> values) {
        return sumOf(values).mean();
    }

    /** The exact sum. */
    public static BigFraction sum(List<BigFraction> values) {
        return sumOf(values).sum();
    }

    /** Σ values[i] × weights[i] / Σ weights[i]; the caller makes sure the weights do not sum to zero. */
    public static BigFraction weightedMean(List<BigFraction> values, long[] weights) {
        ExactSum sum = new ExactSum();
        for (int i = 0; i < values.size(); i++) {
            sum.add(values.get(i), weights[i]);
        }
        return sum.weightedMean();
    }

    private static ExactSum sumOf(List<BigFraction> values) {
        ExactSum sum = new ExactSum();
        for (BigFraction value : values) {
            sum.add(value, 0);
        }
        return sum;
    }

    /** The value as published: two decimals, rounded half-up from the exact value. */
    public static BigDecimal published(BigFraction value) {
        return value.bigDecimalValue(PUBLISHED_SCALE, RoundingMode.HALF_UP);
    }

    /** The exact value as text: {@code 255/8}, or {@code 85} for a whole number. */
    public static String text(BigFraction value) {
        return value.getDenominator().equals(BigInteger.ONE)
                ? value.getNumerator().toString()
                : value.getNumerator() + "/" + value.getDenominator();
    }
}
