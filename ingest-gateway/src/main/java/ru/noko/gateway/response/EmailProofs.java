package ru.noko.gateway.response;

import java.time.Instant;
import java.util.List;
import ru.noko.gateway.system.InvalidField;
import ru.noko.methodology.campaign.Campaign;

/**
 * The e-mail confirmation a campaign may ask of a submission, as the intake needs it: the problems with the address
 * and its proof. The email package implements it (how codes are sent and proven is its business), so that this
 * package, the bottom layer every way of answering goes through, knows nothing of e-mail.
 */
public interface EmailProofs {

    /** The problems with {@code email} and {@code proof} for {@code organizationId} in {@code campaign}; none if it asks for no confirmation. */
    List<InvalidField> check(Campaign campaign, String organizationId, String email, String proof, Instant now);
}
