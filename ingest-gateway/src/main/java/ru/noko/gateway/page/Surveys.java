package ru.noko.gateway.page;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.campaign.LiveCampaigns;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.gateway.registry.RegisteredOrganizations.Organization;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.WindowState;

/**
 * The campaign and organization a page's address names: both known, and the campaign's window for the organization's
 * type open today; otherwise the page that says which is unknown, or when the window is.
 */
@Component
class Surveys {

    private final LiveCampaigns campaigns;
    private final RegisteredOrganizations organizations;
    private final Clock clock;

    Surveys(LiveCampaigns campaigns, RegisteredOrganizations organizations, Clock clock) {
        this.campaigns = campaigns;
        this.organizations = organizations;
        this.clock = clock;
    }

    Mono<ServerResponse> open(ServerRequest request, Function<Survey, Mono<ServerResponse>> then) {
        return find(request, true, then);
    }

    /** @param inWindow whether the campaign must take responses today: not for a receipt already given */
    Mono<ServerResponse> find(ServerRequest request, boolean inWindow, Function<Survey, Mono<ServerResponse>> then) {
        Optional<Campaign> campaign = campaigns.find(request.pathVariable("campaign"));
        if (campaign.isEmpty()) {
            return PageMessages.message(
                    HttpStatus.NOT_FOUND,
                    "Анкета не найдена",
                    "Такого опроса нет или он уже закончился. Проверьте ссылку, которую Вам прислали.",
                    null,
                    null);
        }
        Optional<Organization> organization = organizations.find(request.pathVariable("organization"));
        if (organization.isEmpty() && !organizations.loaded()) {
            return PageMessages.message(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Страница ещё загружается",
                    "Список организаций ещё загружается. Обновите страницу через несколько секунд.",
                    null,
                    null);
        }
        if (organization.isEmpty()) {
            return PageMessages.message(
                    HttpStatus.NOT_FOUND,
                    "Организация не найдена",
                    "Организации из этой ссылки нет в реестре опроса. Проверьте ссылку, которую Вам прислали, или "
                            + "обратитесь в свою организацию за правильной ссылкой.",
                    null,
                    null);
        }
        WindowState window = organization
                .get()
                .type()
                .map(type -> campaign.get().window(type, clock.instant()))
                .orElse(WindowState.ALWAYS_OPEN);
        if (inWindow && !window.isOpen()) {
            return PageMessages.closed(window, organization.get());
        }
        return then.apply(new Survey(campaign.get(), organization.get(), request));
    }
}
