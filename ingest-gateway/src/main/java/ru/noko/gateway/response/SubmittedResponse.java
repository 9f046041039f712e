package ru.noko.gateway.response;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import ru.noko.gateway.system.PublicEmail;
import ru.noko.schemas.Identifiers;

/**
 * The JSON body a survey page posts. Only these fields bind; any other field is an error. The e-mail, when the
 * campaign asks for one, is turned into an HMAC at once and never stored; {@code emailProof} is what confirming the
 * address with its code gave, where the campaign asks for confirmation. {@code submissionToken} is what the
 * questionnaire came with ({@code GET /api/v1/surveys/…}, or the page's hidden field): proof that it was given by this
 * gateway to this device.
 */
public record SubmittedResponse(
        @NotBlank(message = "Укажите идентификатор кампании")
        @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE)
        String campaignId,

        @NotBlank(message = "Укажите идентификатор организации")
        @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE)
        String organizationId,

        @NotBlank(message = "Укажите роль респондента")
        @Pattern(
                regexp = ROLE,
                message = "Роль: от 2 до 32 строчных латинских букв и знаков подчёркивания, например parent")
        String respondentRole,

        @NotEmpty(message = "Ответы не переданы")
        @Size(max = AnswerRules.MAX_ANSWERS, message = "Не более " + AnswerRules.MAX_ANSWERS + " ответов")
        Map<String, JsonNode> answers,

        @NotNull(message = "Укажите время начала заполнения (ISO-8601)")
        @JsonDeserialize(using = SubmittedInstant.class)
        Instant startedAt,

        @NotNull(message = "Укажите время отправки (ISO-8601)") @JsonDeserialize(using = SubmittedInstant.class)
        Instant submittedAt,

        @Pattern(
                regexp = Identifiers.DEVICE_TOKEN,
                message = "Токен устройства: от 16 до 128 латинских букв, цифр, '-' и '_'")
        String deviceToken,

        @Size(max = 254, message = "Адрес электронной почты длиннее 254 символов")
        @Email(message = "Неверный адрес электронной почты")
        @PublicEmail
        String email,

        @Size(max = 200, message = "Подтверждение адреса длиннее 200 символов")
        String emailProof,

        // Read, never written: the token proves where the questionnaire came from, it is not part of what the
        // respondent answered, so a resubmission with a newer token is the same submission.
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Size(max = 200, message = "Отметка анкеты длиннее 200 символов")
        String submissionToken) {

    /** Campaign and organization ids: letters, digits, '-', '_' and '.', starting with a letter or digit. */
    static final String IDENTIFIER = Identifiers.ID;

    static final String IDENTIFIER_MESSAGE =
            "Идентификатор: от 1 до 64 латинских букв, цифр, '.', '-' и '_', начиная с буквы или цифры";
    static final String ROLE = Identifiers.ROLE;
}
