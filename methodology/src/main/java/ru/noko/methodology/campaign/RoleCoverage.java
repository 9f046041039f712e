package ru.noko.methodology.campaign;

/**
 * How well one respondent role of an organization (or a territory) is covered.
 *
 * @param role respondent role
 * @param responses accepted responses
 * @param contingent people of this role (registry)
 * @param required responses needed: the target share of the contingent, capped per organization
 * @param share responses / contingent, or null without a contingent
 * @param met responses reach the required number
 */
public record RoleCoverage(String role, long responses, long contingent, long required, Double share, boolean met) {

    static RoleCoverage of(String role, long responses, long contingent, long required) {
        return new RoleCoverage(role, responses, contingent, required,
                contingent == 0 ? null : (double) responses / contingent, responses >= required);
    }
}
