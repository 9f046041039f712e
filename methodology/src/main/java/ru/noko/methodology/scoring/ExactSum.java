package ru.noko.methodology.scoring;

import java.math.BigInteger;
import org.apache.commons.numbers.fraction.BigFraction;

/**
 * A running exact sum of fractions, plain and weighted, that parts of a territory can be added into and merged: a
 * municipality's sum is its organizations' once, a region's is its municipalities' sums, so each value is added once
 * however many territories it is part of. Kept over a common denominator grown as the values come and reduced once
 * when read: adding fractions one by one reduces after every step, a greatest common divisor of two numbers as large
 * as the whole sum's denominator each time (a region's thousand scores took half a second that way). A value whose
 * small denominator the common one already holds costs one division.
 */
public final class ExactSum {

    private BigInteger common = BigInteger.ONE;
    private BigInteger numerator = BigInteger.ZERO;
    private BigInteger weighted = BigInteger.ZERO;
    private long count;
    private long weights;

    /** Adds a value with its weight (a plain sum ignores the weight). */
    public void add(BigFraction value, long weight) {
        BigInteger scale = commonWith(value.getDenominator());
        BigInteger part = value.getNumerator().multiply(scale);
        numerator = numerator.add(part);
        weighted = weighted.add(part.multiply(BigInteger.valueOf(weight)));
        count++;
        weights += weight;
    }

    /** Adds every value of another sum. */
    public void add(ExactSum other) {
        if (other.count == 0) {
            return;
        }
        BigInteger scale = commonWith(other.common);
        numerator = numerator.add(other.numerator.multiply(scale));
        weighted = weighted.add(other.weighted.multiply(scale));
        count += other.count;
        weights += other.weights;
    }

    /** How many values were added. */
    public long count() {
        return count;
    }

    /** The weights summed. */
    public long weights() {
        return weights;
    }

    public BigFraction sum() {
        return BigFraction.of(numerator, common);
    }

    /** The plain mean, or null without values. */
    public BigFraction mean() {
        return count == 0 ? null : BigFraction.of(numerator, common.multiply(BigInteger.valueOf(count)));
    }

    /** Σ value × weight / Σ weight, or null where the weights sum to zero. */
    public BigFraction weightedMean() {
        return weights == 0 ? null : BigFraction.of(weighted, common.multiply(BigInteger.valueOf(weights)));
    }

    /**
     * Grows the common denominator to a multiple of {@code denominator} (rescaling what was summed) and returns by
     * how much a fraction over {@code denominator} must be scaled to be over the common one.
     */
    private BigInteger commonWith(BigInteger denominator) {
        BigInteger[] scale = common.divideAndRemainder(denominator);
        if (scale[1].signum() == 0) {
            return scale[0];
        }
        BigInteger grow = denominator.divide(scale[1].gcd(denominator));
        common = common.multiply(grow);
        numerator = numerator.multiply(grow);
        weighted = weighted.multiply(grow);
        return common.divide(denominator);
    }
}
