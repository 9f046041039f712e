package ru.noko.gateway.email;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ru.noko.gateway.system.PublicEmail;
import ru.noko.schemas.Identifiers;

/**
 * What asks for a code: the page's form or {@code POST /api/v1/email-codes}. The ids are checked for their format
 * here whatever the registry says, since the letter names the organization.
 */
public record CodeRequest(
        @NotBlank(message = "Укажите идентификатор кампании")
        @Pattern(regexp = Identifiers.ID, message = CodeEntry.IDENTIFIER_MESSAGE)
        String campaignId,

        @NotBlank(message = "Укажите идентификатор организации")
        @Pattern(regexp = Identifiers.ID, message = CodeEntry.IDENTIFIER_MESSAGE)
        String organizationId,

        @NotBlank(message = "Укажите адрес электронной почты")
        @Size(max = 254, message = "Адрес электронной почты длиннее 254 символов")
        @Email(message = "Неверный адрес электронной почты")
        @PublicEmail
        String email) {}
