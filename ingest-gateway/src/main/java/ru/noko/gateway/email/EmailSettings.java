package ru.noko.gateway.email;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * E-mail confirmation for campaigns with {@code antiFraud.confirmEmail}. The SMTP server itself is Spring Boot's
 * {@code spring.mail.*} (from {@code NOKO_SMTP_*}).
 *
 * @param from the sender of the code letters
 * @param codeValidity how long a code may be entered after it was sent
 * @param proofValidity how long a confirmed address may be used to send the questionnaire: time to fill it in
 * @param codesPerAddress codes one address may be sent within {@code codeValidity}; more would flood the inbox
 * @param codesPerClient codes one client address (a school's NAT, a computer class) may ask for within an hour
 * @param attemptsPerCode wrong entries of one code before it stops working and a new one is needed
 * @param wrongCodesPerAddress wrong codes entered for one address and organization within an hour, whichever codes
 *     they were for: new letters do not bring new guesses
 * @param wrongCodesPerClient wrong codes entered from one client address within an hour
 * @param wrongCodesPerMinute wrong codes this instance checks in a minute, from everyone: past it, no code is checked
 *     until the minute is over, so guessing one of the 10⁶ codes takes months (docs/security.md has the arithmetic)
 * @param counted keys (addresses, clients, codes) the limits count at once; past it a new key is refused, never an
 *     old one forgotten
 * @param remembered addresses this instance remembers as having answered (organization and role), so a second
 *     response from one is told at once; the pipeline's one-per-e-mail check rejects it in any case
 */
@Validated
@ConfigurationProperties("noko.email")
public record EmailSettings(
        @NotBlank String from,
        @NotNull Duration codeValidity,
        @NotNull Duration proofValidity,
        @Min(1) int codesPerAddress,
        @Min(1) int codesPerClient,
        @Min(1) int attemptsPerCode,
        @Min(1) int wrongCodesPerAddress,
        @Min(1) int wrongCodesPerClient,
        @Min(1) int wrongCodesPerMinute,
        @Min(1000) long counted,
        @Min(1) int remembered) {}
