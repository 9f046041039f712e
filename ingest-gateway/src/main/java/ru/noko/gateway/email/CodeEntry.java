package ru.noko.gateway.email;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ru.noko.schemas.Identifiers;

/** A code as entered: on the page's form or {@code POST /api/v1/email-codes/confirm}. */
public record CodeEntry(
        @NotBlank(message = "Укажите идентификатор кампании")
        @Pattern(regexp = Identifiers.ID, message = IDENTIFIER_MESSAGE)
        String campaignId,

        @NotBlank(message = "Укажите идентификатор организации")
        @Pattern(regexp = Identifiers.ID, message = IDENTIFIER_MESSAGE)
        String organizationId,

        @NotBlank(message = "Укажите адрес электронной почты")
        @Size(max = 254, message = "Адрес электронной почты длиннее 254 символов")
        String email,

        @NotBlank(message = "Запросите код: нет отметки о его отправке")
        @Size(max = 64, message = "Неверная отметка об отправке кода")
        String challenge,

        @NotBlank(message = "Введите код из письма") @Size(max = 20, message = "Код — шесть цифр из письма")
        String code) {

    static final String IDENTIFIER_MESSAGE =
            "Идентификатор: от 1 до 64 латинских букв, цифр, '.', '-' и '_', начиная с буквы или цифры";
}
