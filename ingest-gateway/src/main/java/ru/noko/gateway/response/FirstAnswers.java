package ru.noko.gateway.response;

/**
 * Which submission answered first from an address (its HMAC) for an organization and role, as far as this instance
 * knows: lets the intake tell a respondent at once that the address already answered. The email package implements
 * it; the pipeline's one-per-e-mail check stays the authority.
 */
public interface FirstAnswers {

    /**
     * Records that {@code submission} answers for this address, unless another submission already did.
     *
     * @return true when this is the address's first submission here (or the same one again), false when another
     *     submission answered for it before
     */
    boolean claim(String campaignId, String organizationId, String role, String emailHmac, String submission);
}
