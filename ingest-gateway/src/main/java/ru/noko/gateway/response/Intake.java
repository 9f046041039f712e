package ru.noko.gateway.response;

import java.util.List;
import ru.noko.gateway.system.InvalidField;

/**
 * How taking in one submission ended, for whichever route answers it: the JSON API as a receipt or a problem, the
 * survey page as a redirect or the form again.
 */
public sealed interface Intake {

    /** Kafka has the response (or had it already, under the same key and body). */
    record Stored(String responseId) implements Intake {}

    /** The submission breaks these rules; nothing was sent. */
    record Invalid(List<InvalidField> problems) implements Intake {}

    /**
     * The submission does not come from a questionnaire this gateway gave to this device (its submission token is
     * missing, forged or expired); nothing was sent.
     */
    record Forbidden(InvalidField problem) implements Intake {}

    /**
     * Stored, but an earlier response here came from the same e-mail for the organization and role: the anti-fraud
     * check will reject this one ({@code DUPLICATE_EMAIL}), and the respondent is told so.
     */
    record AnsweredBefore(String responseId) implements Intake {}

    /** The idempotency key was used with another body, which got {@code earlierResponseId}. */
    record Conflict(String earlierResponseId) implements Intake {}

    /** Not stored: Kafka did not acknowledge, or too many responses wait for it. Retry after the given seconds. */
    record Unavailable(String why, long retryAfterSeconds) implements Intake {}
}
