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
        return sumOver(values, null, values.size());
    }

    /** The exact sum. */
    public static BigFraction sum(List<BigFraction> values) {
        return sumOver(values, null, 1);
    }

    /** Σ values[i] × weights[i] / Σ weights[i]; the caller makes sure the weights do not sum to zero. */
    public static BigFraction weightedMean(List<BigFraction> values, long[] weights) {
        long total = 0;
        for (int i = 0; i < values.size(); i++) {
            total += weights[i];
        }
        return sumOver(values, weights, total);
    }

    /**
     * Σ values[i] × weights[i] / divisor over a common denominator grown as the values come, reduced once at the end.
     * Adding fractions one by one reduces after every step, a greatest common divisor of two numbers as large as the
     * whole sum's denominator each time: a region's thousand scores took half a second that way. Here a value whose
     * (small) denominator the common one already holds costs one division, and the sum one reduction.
     */
    private static BigFraction sumOver(List<BigFraction> values, long[] weights, long divisor) {
        BigInteger common = BigInteger.ONE;
        BigInteger numerator = BigInteger.ZERO;
        for (int i = 0; i < values.size(); i++) {
            BigFraction value = values.get(i);
            BigInteger denominator = value.getDenominator();
            BigInteger[] scale = common.divideAndRemainder(denominator);
            if (scale[1].signum() != 0) {
                BigInteger grow = denominator.divide(scale[1].gcd(denominator));
                common = common.multiply(grow);
                numerator = numerator.multiply(grow);
                scale[0] = common.divide(denominator);
            }
            BigInteger part = value.getNumerator().multiply(scale[0]);
            numerator = numerator.add(weights == null ? part : part.multiply(BigInteger.valueOf(weights[i])));
        }
        return BigFraction.of(numerator, common.multiply(BigInteger.valueOf(divisor)));
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
