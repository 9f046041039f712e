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
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.gateway.registry.RegisteredOrganizations.Organization;
import ru.noko.gateway.response.ResponseIntake;
import ru.noko.gateway.system.ApiErrorWriter;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.JsonProblems;
import ru.noko.gateway.system.RequestBodies;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.campaign.WindowState;

/**
 * The API's side of e-mail confirmation, for clients other than the survey page: {@code POST /api/v1/email-codes}
 * sends a code and answers 202 with the challenge; {@code POST /api/v1/email-codes/confirm} exchanges a right code
 * for the {@code emailProof} a response then carries. Errors are the API's problems, naming the field and the rule.
 */
@Component
class EmailCodeHandler {

    private static final int MAX_BODY = 4096;

    private final ObjectMapper json;
    private final EmailConfirmation confirmation;
    private final Campaigns campaigns;
    private final RegisteredOrganizations organizations;
    private final ApiErrorWriter errors;
    private final Clock clock;

    EmailCodeHandler(
            ObjectMapper json,
            EmailConfirmation confirmation,
            Campaigns campaigns,
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
            Optional<InvalidField> refused = refused(code.campaignId(), code.organizationId(), now);
            if (refused.isPresent()) {
                return errors.invalid(List.of(refused.get()));
            }
            Campaign campaign = campaigns.find(code.campaignId()).orElseThrow();
            String name = organizations
                    .find(code.organizationId())
                    .map(Organization::name)
                    .orElse(code.organizationId());
            String client = request.remoteAddress().map(ResponseIntake::host).orElse("");
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
                    return errors.invalid(invalid.problems());
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
                return errors.unavailable("Не удалось отправить письмо с кодом.", 60);
            });
        });
    }

    Mono<ServerResponse> confirm(ServerRequest request) {
        Instant now = clock.instant();
        return read(request, CodeEntry.class, entry -> {
            Optional<InvalidField> refused = refused(entry.campaignId(), entry.organizationId(), now);
            if (refused.isPresent()) {
                return errors.invalid(List.of(refused.get()));
            }
            EmailConfirmation.Entry result = confirmation.enter(entry, now);
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
                return errors.invalid(List.of(new InvalidField(
                        "code", "wrong-code", "Неверный код. Осталось попыток: " + wrong.attemptsLeft())));
            }
            if (result instanceof EmailConfirmation.Entry.Spent spent) {
                return errors.invalid(List.of(new InvalidField("code", "spent", spent.why())));
            }
            return errors.invalid(((EmailConfirmation.Entry.Invalid) result).problems());
        });
    }

    /** Why no code is sent or taken for this campaign and organization today, if not. */
    private Optional<InvalidField> refused(String campaignId, String organizationId, Instant now) {
        Optional<Campaign> campaign = campaignId == null ? Optional.empty() : campaigns.find(campaignId);
        if (campaign.isEmpty()) {
            return Optional.of(
                    new InvalidField("campaignId", "unknown-campaign", "Кампания «" + campaignId + "» не проводится"));
        }
        if (!EmailConfirmation.required(campaign.get())) {
            return Optional.of(new InvalidField(
                    "campaignId",
                    "no-email-confirmation",
                    "Кампания «" + campaignId + "» не подтверждает адреса электронной почты"));
        }
        Optional<Organization> organization =
                organizationId == null ? Optional.empty() : organizations.find(organizationId);
        if (organization.isEmpty()) {
            return organizations.loaded() && !organizations.isEmpty()
                    ? Optional.of(new InvalidField(
                            "organizationId",
                            "unknown-organization",
                            "Организации «" + organizationId + "» нет в реестре опроса"))
                    : Optional.empty();
        }
        WindowState window = organization
                .get()
                .type()
                .map(type -> campaign.get().window(type, now))
                .orElse(WindowState.ALWAYS_OPEN);
        return window.isOpen()
                ? Optional.empty()
                : Optional.of(new InvalidField(
                        "campaignId", "campaign-closed", "Опрос для этой организации сейчас не проводится"));
    }

    private <T> Mono<ServerResponse> read(
            ServerRequest request, Class<T> type, java.util.function.Function<T, Mono<ServerResponse>> then) {
        MediaType contentType = request.headers().contentType().orElse(null);
        if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            return errors.unsupportedMediaType();
        }
        return RequestBodies.read(request, MAX_BODY)
                .flatMap(body -> {
                    T value;
                    try {
                        value = body.length == 0 ? null : json.readValue(body, type);
                    } catch (IOException e) {
                        return errors.unreadable(JsonProblems.describe(e));
                    }
                    return value == null ? errors.unreadable(JsonProblems.required()) : then.apply(value);
                })
                .onErrorResume(DataBufferLimitException.class, e -> errors.tooLarge(MAX_BODY));
    }
}
