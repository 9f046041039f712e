package ru.noko.methodology.model;

/**
 * The representativeness target of a campaign: {@code target} of each role's contingent must answer, but no
 * organization needs more than {@code maxRespondents} per role.
 *
 * @param target share of the contingent, 0..1 (0.4 in letter 000, 0.5 in letter 001)
 * @param maxRespondents cap of the required number per organization and role
 */
public record Coverage(double target, int maxRespondents) {

    public Coverage {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("coverage target must be in (0, 1], not " + target);
        }
        if (maxRespondents < 1) {
            throw new IllegalArgumentException("coverage maxRespondents must be at least 1");
        }
    }

    /** Responses needed from a contingent: the target share rounded up, capped. */
    public long required(long contingent) {
        return Math.min((long) Math.ceil(target * contingent - 1e-9), maxRespondents);
    }
}
