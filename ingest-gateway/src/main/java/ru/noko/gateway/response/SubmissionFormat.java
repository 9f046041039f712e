package ru.noko.gateway.response;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.regex.Pattern;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.PublicEmailValidator;
import ru.noko.schemas.Identifiers;

/**
 * The field formats {@link SubmittedResponse}'s annotations declare, checked by precompiled patterns instead of Bean
 * Validation's reflective walk over the record, which took 8 % of a submission's time on the event loop (and ids,
 * roles and device tokens by loops over their characters, {@link Identifiers#isId}). The
 * annotations stay the reference: {@code SubmissionFormatTest} holds the two to the same problems on thousands of
 * generated bodies. An e-mail goes through the validator unless it is a plain address ({@link #PLAIN_EMAIL}: every
 * address it matches is one {@code @Email} accepts) at a public domain: the validator's walk over the one property
 * cost 9 % of a submission's time where every respondent gives an e-mail, and the unusual addresses, with the
 * messages for every bad one, stay the validator's own.
 */
final class SubmissionFormat {

    /**
     * A subset of what {@code @Size(max = 254)} and {@code @Email} accept: at most 254 characters; a local part of at
     * most 64 dot-separated runs of Latin letters, digits, {@code _ + -}; a domain of at most 253 characters in labels
     * of at most 63 Latin letters, digits and inner hyphens, the last one starting with a letter. Anything else is
     * left to the validator.
     */
    static final Pattern PLAIN_EMAIL =
            Pattern.compile("(?=.{1,254}$)(?=[^@]{1,64}@)[A-Za-z0-9_+-]+(?:\\.[A-Za-z0-9_+-]+)*"
                    + "@(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
                    + "[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private final Validator validator;

    SubmissionFormat(Validator validator) {
        this.validator = validator;
    }

    /** Adds the submission's format problems to {@code problems}, the messages as the annotations word them. */
    void check(SubmittedResponse submitted, List<InvalidField> problems) {
        identifier(submitted.campaignId(), "campaignId", "Укажите идентификатор кампании", problems);
        identifier(submitted.organizationId(), "organizationId", "Укажите идентификатор организации", problems);
        required(submitted.respondentRole(), "respondentRole", "Укажите роль респондента", problems);
        if (submitted.respondentRole() != null && !Identifiers.isRole(submitted.respondentRole())) {
            problems.add(new InvalidField(
                    "respondentRole",
                    "format",
                    "Роль: от 2 до 32 строчных латинских букв и знаков подчёркивания, например parent"));
        }
        if (submitted.answers() == null || submitted.answers().isEmpty()) {
            problems.add(new InvalidField("answers", "required", "Ответы не переданы"));
        } else if (submitted.answers().size() > AnswerRules.MAX_ANSWERS) {
            problems.add(new InvalidField("answers", "size", "Не более " + AnswerRules.MAX_ANSWERS + " ответов"));
        }
        if (submitted.startedAt() == null) {
            problems.add(new InvalidField("startedAt", "required", "Укажите время начала заполнения (ISO-8601)"));
        }
        if (submitted.submittedAt() == null) {
            problems.add(new InvalidField("submittedAt", "required", "Укажите время отправки (ISO-8601)"));
        }
        if (submitted.deviceToken() != null && !Identifiers.isDeviceToken(submitted.deviceToken())) {
            problems.add(new InvalidField(
                    "deviceToken", "format", "Токен устройства: от 16 до 128 латинских букв, цифр, '-' и '_'"));
        }
        if (submitted.email() != null && !plainPublicAddress(submitted.email())) {
            for (ConstraintViolation<SubmittedResponse> violation : validator.validateProperty(submitted, "email")) {
                problems.add(InvalidField.of(violation));
            }
        }
        atMost(submitted.emailProof(), 200, "emailProof", "Подтверждение адреса длиннее 200 символов", problems);
        atMost(submitted.submissionToken(), 200, "submissionToken", "Отметка анкеты длиннее 200 символов", problems);
    }

    /** An address {@code @Email} and {@code @PublicEmail} both accept, known without the validator. */
    static boolean plainPublicAddress(String email) {
        return PLAIN_EMAIL.matcher(email).matches() && PublicEmailValidator.isPublicOrNotAnAddress(email);
    }

    private static void identifier(String value, String field, String requiredMessage, List<InvalidField> problems) {
        required(value, field, requiredMessage, problems);
        if (value != null && !Identifiers.isId(value)) {
            problems.add(new InvalidField(field, "format", SubmittedResponse.IDENTIFIER_MESSAGE));
        }
    }

    /** {@code @NotBlank}: present and not only whitespace. */
    private static void required(String value, String field, String message, List<InvalidField> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new InvalidField(field, "required", message));
        }
    }

    private static void atMost(String value, int length, String field, String message, List<InvalidField> problems) {
        if (value != null && value.length() > length) {
            problems.add(new InvalidField(field, "size", message));
        }
    }
}
