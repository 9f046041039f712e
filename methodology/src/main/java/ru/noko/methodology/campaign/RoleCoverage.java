package ru.noko.methodology.campaign;

import java.math.BigDecimal;
import org.apache.commons.numbers.fraction.BigFraction;
import ru.noko.methodology.scoring.Exact;

/**
 * How well one respondent role of an organization (or a territory) is covered.
 *
 * @param role respondent role
 * @param responses accepted responses
 * @param contingent people of this role (registry)
 * @param required responses needed: the target share of the contingent, capped per organization
 * @param met responses reach the required number
 */
public record RoleCoverage(String role, long responses, long contingent, long required, boolean met) {

    static RoleCoverage of(String role, long responses, long contingent, long required) {
        return new RoleCoverage(role, responses, contingent, required, responses >= required);
    }

    /** responses / contingent, exactly; null without a contingent. */
    public BigFraction share() {
        return contingent == 0 ? null : BigFraction.of(responses, contingent);
    }

    /** The share in percent as published (2 decimals, half-up); null without a contingent. */
    public BigDecimal publishedPercent() {
        return contingent == 0 ? null : Exact.published(Exact.percent(responses, contingent));
    }
}
