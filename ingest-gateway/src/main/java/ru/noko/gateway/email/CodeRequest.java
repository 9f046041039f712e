package ru.noko.gateway.email;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What asks for a code: the page's form or {@code POST /api/v1/email-codes}. */
public record CodeRequest(
        @NotBlank(message = "Укажите идентификатор кампании")
        String campaignId,

        @NotBlank(message = "Укажите идентификатор организации")
        String organizationId,

        @NotBlank(message = "Укажите адрес электронной почты")
        @Size(max = 254, message = "Адрес электронной почты длиннее 254 символов")
        @Email(message = "Неверный адрес электронной почты")
        String email) {}
