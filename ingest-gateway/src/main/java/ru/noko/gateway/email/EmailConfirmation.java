package ru.noko.gateway.email;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import ru.noko.gateway.response.EmailProofs;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.WindowCounter;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * E-mail confirmation, for the page and the API alike: a respondent asks for a code, which goes to the address; the
 * code, entered within its validity and within a few attempts, is exchanged once for a proof; the proof goes with
 * the questionnaire. Codes and proofs are keyed signatures ({@link ConfirmationCodes}), so any instance checks them;
 * the limits on letters and attempts are counted per instance. Only the address's HMAC is ever kept.
 *
 * <p>A six-digit code is one chance in a million per guess, so guesses are what is limited: per code, per address and
 * organization, per client, and for the whole instance per minute. A code is only checked against a challenge this
 * server issued with a letter to that address, so inventing challenges brings no fresh tries.
 */
@Component
public class EmailConfirmation implements EmailProofs {

    /** How asking for a code ended. */
    public sealed interface Sending {
        /** The letter went out; {@code challenge} goes with the code when it is entered. */
        record Sent(String challenge, Instant expiresAt) implements Sending {}

        /** The request itself is wrong (the address, say); nothing was sent. */
        record Invalid(List<InvalidField> problems) implements Sending {}

        /** Too many letters for this address or from this client lately. */
        record TooMany(long retryAfterSeconds) implements Sending {}

        /** The mail server did not take the letter. */
        record NotSent() implements Sending {}
    }

    /** How entering a code ended. */
    public sealed interface Entry {
        /** The address is confirmed: {@code proof} goes with the questionnaire until {@code validUntil}. */
        record Confirmed(String proof, Instant validUntil) implements Entry {}

        /** Not the code that was sent; {@code attemptsLeft} more tries of this code. */
        record Wrong(int attemptsLeft) implements Entry {}

        /** The code is past its validity, used up by wrong tries, or already exchanged: a new one is needed. */
        record Spent(String why) implements Entry {}

        /** Too many wrong codes lately, from this client or from everyone: nothing was checked; try later. */
        record TooMany(long retryAfterSeconds) implements Entry {}

        record Invalid(List<InvalidField> problems) implements Entry {}
    }

    /** The one key of the instance-wide count of wrong codes. */
    private static final String EVERYONE = "everyone";

    private final ConfirmationCodes codes;
    private final CodeLetters letters;
    private final Pseudonymizer pseudonymizer;
    private final Validator validator;
    private final Duration codeValidity;
    private final WindowCounter lettersPerAddress;
    private final WindowCounter lettersPerClient;
    private final WindowCounter wrongTries;
    private final WindowCounter wrongTriesPerAddress;
    private final WindowCounter wrongTriesPerClient;
    private final WindowCounter wrongTriesEverywhere;
    private final WindowCounter exchanges;

    EmailConfirmation(EmailSettings settings, CodeLetters letters, Pseudonymizer pseudonymizer, Validator validator) {
        this.codes = new ConfirmationCodes(pseudonymizer, settings.codeValidity(), settings.proofValidity());
        this.letters = letters;
        this.pseudonymizer = pseudonymizer;
        this.validator = validator;
        this.codeValidity = settings.codeValidity();
        long counted = settings.counted();
        this.lettersPerAddress = new WindowCounter(settings.codesPerAddress(), settings.codeValidity(), counted);
        this.lettersPerClient = new WindowCounter(settings.codesPerClient(), Duration.ofHours(1), counted);
        // A code counts its wrong tries, and is exchanged once, for as long as it could be entered.
        Duration codeLife = settings.codeValidity().plusMinutes(1);
        this.wrongTries = new WindowCounter(settings.attemptsPerCode(), codeLife, counted);
        this.exchanges = new WindowCounter(1, codeLife, counted);
        this.wrongTriesPerAddress = new WindowCounter(settings.wrongCodesPerAddress(), Duration.ofHours(1), counted);
        this.wrongTriesPerClient = new WindowCounter(settings.wrongCodesPerClient(), Duration.ofHours(1), counted);
        this.wrongTriesEverywhere = new WindowCounter(settings.wrongCodesPerMinute(), Duration.ofMinutes(1), 1);
    }

    public static boolean required(Campaign campaign) {
        return campaign.definition().antiFraud().confirmEmail();
    }

    /**
     * Sends a code to the address, unless the address or the client asked too often.
     *
     * @param client the client's address, for the per-client limit
     */
    public Mono<Sending> send(
            CodeRequest request, Campaign campaign, String organizationName, String client, Instant now) {
        List<InvalidField> problems = problems(request);
        if (!problems.isEmpty()) {
            return Mono.just(new Sending.Invalid(problems));
        }
        String emailHmac = pseudonymizer.email(request.email());
        if (!lettersPerClient.tryCount(client)) {
            return Mono.just(new Sending.TooMany(lettersPerClient.windowSeconds()));
        }
        if (!lettersPerAddress.tryCount(request.campaignId() + "|" + emailHmac)) {
            return Mono.just(new Sending.TooMany(lettersPerAddress.windowSeconds()));
        }
        String challenge = codes.challenge(request.campaignId(), request.organizationId(), emailHmac, now);
        String code = codes.code(request.campaignId(), request.organizationId(), emailHmac, challenge);
        return letters.send(
                        request.email().strip(),
                        code,
                        codeValidity,
                        campaign.definition().title(),
                        organizationName)
                .map(sent -> sent ? new Sending.Sent(challenge, codes.expiresAt(challenge)) : new Sending.NotSent());
    }

    /**
     * Checks an entered code, and exchanges a right one, once, for a proof.
     *
     * @param client the client's address, for the per-client limit on wrong codes
     */
    public Entry enter(CodeEntry entry, String client, Instant now) {
        List<InvalidField> problems = problems(entry);
        if (!problems.isEmpty()) {
            return new Entry.Invalid(problems);
        }
        String emailHmac = pseudonymizer.email(entry.email());
        if (!codes.issued(entry.campaignId(), entry.organizationId(), emailHmac, entry.challenge())) {
            // Counts nothing: an invented challenge must not fill the counters either.
            return new Entry.Invalid(List.of(new InvalidField(
                    "challenge", "format", "Неверная отметка об отправке кода: запросите код заново")));
        }
        String address = entry.campaignId() + "|" + entry.organizationId() + "|" + emailHmac;
        String code = address + "|" + entry.challenge();
        if (wrongTries.left(code) == 0) {
            return new Entry.Spent("Код введён неверно слишком много раз. Запросите новый код.");
        }
        if (wrongTriesPerAddress.left(address) == 0) {
            return new Entry.Spent("Для этого адреса слишком много раз введён неверный код. Попробуйте через час.");
        }
        // Past these limits no code is checked at all, right or wrong: a guesser must learn nothing from a refusal.
        if (wrongTriesPerClient.left(client) == 0) {
            return new Entry.TooMany(wrongTriesPerClient.windowSeconds());
        }
        if (wrongTriesEverywhere.left(EVERYONE) == 0) {
            return new Entry.TooMany(wrongTriesEverywhere.windowSeconds());
        }
        return switch (codes.checkCode(
                entry.campaignId(), entry.organizationId(), emailHmac, entry.challenge(), entry.code(), now)) {
            case MALFORMED ->
                new Entry.Invalid(List.of(new InvalidField(
                        "challenge", "format", "Неверная отметка об отправке кода: запросите код заново")));
            case WRONG -> {
                wrongTriesEverywhere.tryCount(EVERYONE);
                wrongTriesPerClient.tryCount(client);
                wrongTriesPerAddress.tryCount(address);
                wrongTries.tryCount(code);
                int left = Math.min(wrongTries.left(code), wrongTriesPerAddress.left(address));
                yield left == 0
                        ? new Entry.Spent("Код введён неверно слишком много раз. Запросите новый код.")
                        : new Entry.Wrong(left);
            }
            case EXPIRED -> new Entry.Spent("Срок действия кода истёк. Запросите новый код.");
            case MATCHES ->
                exchanges.tryCount(code)
                        ? new Entry.Confirmed(
                                codes.proof(entry.campaignId(), entry.organizationId(), emailHmac, now),
                                codes.proofValidUntil(now))
                        : new Entry.Spent("Этот код уже использован. Запросите новый код.");
        };
    }

    /**
     * The problems with a submission's e-mail and proof in a campaign that asks for confirmation: both required, the
     * proof for this address and organization, and not expired.
     */
    @Override
    public List<InvalidField> check(Campaign campaign, String organizationId, String email, String proof, Instant now) {
        if (!required(campaign)) {
            return List.of();
        }
        if (email == null || email.isBlank()) {
            return List.of(new InvalidField(
                    "email",
                    "required",
                    "Эта кампания принимает ответы только с подтверждённым адресом электронной почты"));
        }
        if (proof == null || proof.isBlank()) {
            return List.of(
                    new InvalidField("emailProof", "required", "Подтвердите адрес электронной почты кодом из письма"));
        }
        return switch (codes.checkProof(campaign.id(), organizationId, pseudonymizer.email(email), proof, now)) {
            case MATCHES -> List.of();
            case EXPIRED ->
                List.of(new InvalidField(
                        "emailProof", "expired", "Подтверждение адреса устарело: подтвердите адрес заново"));
            case WRONG, MALFORMED ->
                List.of(new InvalidField(
                        "emailProof",
                        "email-confirmation",
                        "Подтверждение не подходит к этому адресу и организации: подтвердите адрес заново"));
        };
    }

    private List<InvalidField> problems(Object request) {
        List<InvalidField> problems = new ArrayList<>();
        for (ConstraintViolation<Object> violation : validator.validate(request)) {
            problems.add(InvalidField.of(violation));
        }
        problems.sort(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::rule));
        return problems;
    }
}
