package ru.noko.gateway.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.campaign.LiveCampaigns;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.gateway.registry.RegisteredOrganizations.Organization;
import ru.noko.gateway.system.ApiErrorWriter;
import ru.noko.gateway.system.ClientAddress;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.JsonProblems;
import ru.noko.gateway.system.RequestBodies;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.WindowState;
import ru.noko.schemas.Identifiers;

/**
 * The API's side of e-mail confirmation, for clients other than the survey page: {@code POST /api/v1/email-codes}
 * sends a code and answers 202 with the challenge; {@code POST /api/v1/email-codes/confirm} exchanges a right code
 * for the {@code emailProof} a response then carries. Errors are the API's problems, naming the field and the rule.
 */
@Component
class EmailCodeHandler {

    private static final int MAX_BODY = 4096;
    private static final int REGISTRY_RETRY_SECONDS = 5;

    private final ObjectMapper json;
    private final EmailConfirmation confirmation;
    private final LiveCampaigns campaigns;
    private final RegisteredOrganizations organizations;
    private final ApiErrorWriter errors;
    private final Clock clock;

    EmailCodeHandler(
            ObjectMapper json,
            EmailConfirmation confirmation,
            LiveCampaigns campaigns,
            RegisteredOrganizations organizations,
            ApiErrorWriter errors,
            Clock clock) {
        this.json = json;
        this.confirmation = confirmation;
        this.campaigns = campaigns;
        this.organizations = organizations;
        this.errors = errors;
        this.clock = clock;
    }

    Mono<ServerResponse> send(ServerRequest request) {
        Instant now = clock.instant();
        return read(request, CodeRequest.class, code -> {
            Optional<Mono<ServerResponse>> refused = refused(code.campaignId(), code.organizationId(), now);
            if (refused.isPresent()) {
                return refused.get();
            }
            Campaign campaign = campaigns.find(code.campaignId()).orElseThrow();
            // Known, or refused above: a letter names only an organization of the registry.
            String name = organizations
                    .find(code.organizationId())
                    .map(Organization::name)
                    .orElseThrow();
            String client = ClientAddress.of(request);
            return confirmation.send(code, campaign, name, client, now).flatMap(sending -> {
                if (sending instanceof EmailConfirmation.Sending.Sent sent) {
                    return ServerResponse.accepted()
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of(
                                    "challenge",
                                    sent.challenge(),
                                    "expiresAt",
                                    sent.expiresAt().toString()));
                }
                if (sending instanceof EmailConfirmation.Sending.Invalid invalid) {
                    return errors.answer(errors.invalid(invalid.problems()));
                }
                if (sending instanceof EmailConfirmation.Sending.TooMany tooMany) {
                    return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .header("Retry-After", String.valueOf(tooMany.retryAfterSeconds()))
                            .bodyValue(errors.problem(
                                    HttpStatus.TOO_MANY_REQUESTS,
                                    "too-many-codes",
                                    "Слишком много писем с кодом",
                                    "Для этого адреса или с этого устройства код уже "
                                            + "запрашивали слишком часто. Повторите через "
                                            + tooMany.retryAfterSeconds()
                                            + " с.",
                                    List.of(new InvalidField(
                                            "email", "code-limit", "Слишком много писем с кодом за последнее время"))));
                }
                return errors.answer(errors.unavailable("Не удалось отправить письмо с кодом.", 60));
            });
        });
    }

    Mono<ServerResponse> confirm(ServerRequest request) {
        Instant now = clock.instant();
        return read(request, CodeEntry.class, entry -> {
            Optional<Mono<ServerResponse>> refused = refused(entry.campaignId(), entry.organizationId(), now);
            if (refused.isPresent()) {
                return refused.get();
            }
            EmailConfirmation.Entry result = confirmation.enter(entry, ClientAddress.of(request), now);
            if (result instanceof EmailConfirmation.Entry.Confirmed confirmed) {
                return ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "emailProof",
                                confirmed.proof(),
                                "validUntil",
                                confirmed.validUntil().toString()));
            }
            if (result instanceof EmailConfirmation.Entry.Wrong wrong) {
                return errors.answer(errors.invalid(List.of(new InvalidField(
                        "code", "wrong-code", "Неверный код. Осталось попыток: " + wrong.attemptsLeft()))));
            }
            if (result instanceof EmailConfirmation.Entry.Spent spent) {
                return errors.answer(errors.invalid(List.of(new InvalidField("code", "spent", spent.why()))));
            }
            if (result instanceof EmailConfirmation.Entry.TooMany tooMany) {
                return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .header("Retry-After", String.valueOf(tooMany.retryAfterSeconds()))
                        .bodyValue(errors.problem(
                                HttpStatus.TOO_MANY_REQUESTS,
                                "too-many-wrong-codes",
                                "Слишком много неверных кодов",
                                "Код не проверен: за последнее время введено слишком много неверных кодов. Повторите "
                                        + "через " + tooMany.retryAfterSeconds() + " с.",
                                List.of(new InvalidField(
                                        "code",
                                        "wrong-code-limit",
                                        "Слишком много неверных кодов за последнее время"))));
            }
            return errors.answer(errors.invalid(((EmailConfirmation.Entry.Invalid) result).problems()));
        });
    }

    /**
     * The answer that refuses to send or take a code for this campaign and organization, if one does: ids of the
     * wrong format, a campaign that is not run or confirms nothing, an organization not in the registry (or no
     * registry read yet: no letter ever names an organization the gateway does not know), a closed window.
     */
    private Optional<Mono<ServerResponse>> refused(String campaignId, String organizationId, Instant now) {
        List<InvalidField> malformed = new java.util.ArrayList<>();
        if (campaignId == null || !Identifiers.ID_PATTERN.matcher(campaignId).matches()) {
            malformed.add(new InvalidField("campaignId", "format", CodeEntry.IDENTIFIER_MESSAGE));
        }
        if (organizationId == null
                || !Identifiers.ID_PATTERN.matcher(organizationId).matches()) {
            malformed.add(new InvalidField("organizationId", "format", CodeEntry.IDENTIFIER_MESSAGE));
        }
        if (!malformed.isEmpty()) {
            return Optional.of(errors.answer(errors.invalid(malformed)));
        }
        Optional<Campaign> campaign = campaigns.find(campaignId);
        if (campaign.isEmpty()) {
            return invalid(
                    new InvalidField("campaignId", "unknown-campaign", "Кампания «" + campaignId + "» не проводится"));
        }
        if (!EmailConfirmation.required(campaign.get())) {
            return invalid(new InvalidField(
                    "campaignId",
                    "no-email-confirmation",
                    "Кампания «" + campaignId + "» не подтверждает адреса электронной почты"));
        }
        Optional<Organization> organization = organizations.find(organizationId);
        if (organization.isEmpty() && !organizations.loaded()) {
            return Optional.of(ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header("Retry-After", String.valueOf(REGISTRY_RETRY_SECONDS))
                    .bodyValue(errors.problem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "registry-not-read",
                            "Реестр ещё загружается",
                            "Список организаций ещё загружается: код не отправлен. Повторите через "
                                    + REGISTRY_RETRY_SECONDS + " с.",
                            List.of())));
        }
        if (organization.isEmpty()) {
            return invalid(new InvalidField(
                    "organizationId",
                    "unknown-organization",
                    "Организации «" + organizationId + "» нет в реестре опроса"));
        }
        WindowState window = organization
                .get()
                .type()
                .map(type -> campaign.get().window(type, now))
                .orElse(WindowState.ALWAYS_OPEN);
        return window.isOpen()
                ? Optional.empty()
                : invalid(new InvalidField(
                        "campaignId", "campaign-closed", "Опрос для этой организации сейчас не проводится"));
    }

    private Optional<Mono<ServerResponse>> invalid(InvalidField problem) {
        return Optional.of(errors.answer(errors.invalid(List.of(problem))));
    }

    private <T> Mono<ServerResponse> read(
            ServerRequest request, Class<T> type, java.util.function.Function<T, Mono<ServerResponse>> then) {
        MediaType contentType = request.headers().contentType().orElse(null);
        if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            return errors.answer(errors.unsupportedMediaType());
        }
        return RequestBodies.read(request, MAX_BODY)
                .flatMap(body -> {
                    T value;
                    try {
                        value = body.length == 0 ? null : json.readValue(body, type);
                    } catch (IOException e) {
                        return errors.answer(errors.unreadable(JsonProblems.describe(e)));
                    }
                    return value == null
                            ? errors.answer(errors.unreadable(JsonProblems.required()))
                            : then.apply(value);
                })
                .onErrorResume(DataBufferLimitException.class, e -> errors.answer(errors.tooLarge(MAX_BODY)));
    }
}
