package ru.noko.gateway.questionnaire;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.campaign.LiveCampaigns;
import ru.noko.gateway.crosssite.SubmissionTokens;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.gateway.registry.RegisteredOrganizations.Organization;
import ru.noko.gateway.registry.WindowDays;
import ru.noko.gateway.system.ApiErrorWriter;
import ru.noko.gateway.system.InvalidField;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.WindowState;
import ru.noko.schemas.Identifiers;

/**
 * {@code GET /api/v1/surveys/{campaign}/{organization}[?deviceToken=…]}: the questionnaire a client draws (the
 * campaign's instrument: roles, questions, options, skip logic), the organization's name, and the
 * {@code submissionToken} the response must carry. The token is for this campaign, organization and device token (the
 * one the response will carry, or none), so the API, like the page, takes only responses to a questionnaire it gave.
 */
@Component
class QuestionnaireHandler {

    private final LiveCampaigns campaigns;
    private final RegisteredOrganizations organizations;
    private final SubmissionTokens tokens;
    private final ApiErrorWriter errors;
    private final Clock clock;

    QuestionnaireHandler(
            LiveCampaigns campaigns,
            RegisteredOrganizations organizations,
            SubmissionTokens tokens,
            ApiErrorWriter errors,
            Clock clock) {
        this.campaigns = campaigns;
        this.organizations = organizations;
        this.tokens = tokens;
        this.errors = errors;
        this.clock = clock;
    }

    Mono<ServerResponse> questionnaire(ServerRequest request) {
        Instant now = clock.instant();
        String campaignId = request.pathVariable("campaign");
        String organizationId = request.pathVariable("organization");
        Optional<String> device = request.queryParam("deviceToken");
        if (!Identifiers.ID_PATTERN.matcher(organizationId).matches()) {
            return errors.answer(errors.invalid(List.of(new InvalidField(
                    "organizationId",
                    "format",
                    "Идентификатор: от 1 до 64 латинских букв, цифр, '.', '-' и '_', начиная с буквы или цифры"))));
        }
        if (device.isPresent() && !Identifiers.isDeviceToken(device.get())) {
            return errors.answer(errors.invalid(List.of(new InvalidField(
                    "deviceToken", "format", "Токен устройства: от 16 до 128 латинских букв, цифр, '-' и '_'"))));
        }
        Optional<Campaign> campaign = campaigns.find(campaignId);
        if (campaign.isEmpty()) {
            return notFound(
                    "unknown-campaign",
                    "Кампания не найдена",
                    new InvalidField("campaignId", "unknown-campaign", "Кампания «" + campaignId + "» не проводится"));
        }
        Optional<Organization> organization = organizations.find(organizationId);
        if (organization.isEmpty() && organizations.loaded() && !organizations.isEmpty()) {
            return notFound(
                    "unknown-organization",
                    "Организация не найдена",
                    new InvalidField(
                            "organizationId",
                            "unknown-organization",
                            "Организации «" + organizationId + "» нет в реестре опроса"));
        }
        WindowState window = organization
                .flatMap(Organization::type)
                .map(type -> campaign.get().window(type, now))
                .orElse(WindowState.ALWAYS_OPEN);
        if (!window.isOpen()) {
            String rule = window.phase() == WindowState.Phase.NOT_YET_OPEN ? "campaign-not-open" : "campaign-closed";
            return errors.answer(errors.problem(
                    HttpStatus.FORBIDDEN,
                    rule,
                    "Опрос сейчас не проводится",
                    "Опрос для этой организации проходит " + WindowDays.of(window) + ".",
                    List.of(new InvalidField("campaignId", rule, "Опрос для этой организации сейчас не проводится"))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", campaignId);
        body.put("campaignTitle", campaign.get().definition().title());
        body.put("organizationId", organizationId);
        body.put("organizationName", organization.map(Organization::name).orElse(null));
        body.put("confirmEmail", campaign.get().definition().antiFraud().confirmEmail());
        body.put("deviceToken", device.orElse(null));
        body.put("submissionToken", tokens.issue(campaignId, organizationId, device.orElse(null), null, now));
        body.put("validUntil", tokens.validUntil(now).toString());
        body.put("questionnaire", campaign.get().instrument());
        return ServerResponse.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body);
    }

    private Mono<ServerResponse> notFound(String type, String title, InvalidField problem) {
        return errors.answer(errors.problem(HttpStatus.NOT_FOUND, type, title, problem.message(), List.of(problem)));
    }
}
