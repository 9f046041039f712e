package ru.noko.methodology.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The representativeness target of a campaign: {@code target} of each role's contingent must answer, but no
 * organization needs more than {@code maxRespondents} per role.
 *
 * @param target share of the contingent, 0..1 (0.4 in letter 000, 0.5 in letter 001)
 * @param maxRespondents cap of the required number per organization and role
 */
public record Coverage(BigDecimal target, int maxRespondents) {

    public Coverage {
        if (target == null || target.signum() <= 0 || target.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("coverage target must be in (0, 1], not " + target);
        }
        if (maxRespondents < 1) {
            throw new IllegalArgumentException("coverage maxRespondents must be at least 1");
        }
    }

    /** Responses needed from a contingent: the target share rounded up (exactly: 0.4 × 45 is 18), capped. */
    public long required(long contingent) {
        long share = target.multiply(BigDecimal.valueOf(contingent))
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
        return Math.min(share, maxRespondents);
    }
}
