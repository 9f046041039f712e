package ru.noko.gateway.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import ru.noko.gateway.campaign.LiveCampaigns;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.gateway.system.ApiErrorWriter;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.SiteSettings;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.registry.Organization;
import ru.noko.posters.CampaignPosters;
import ru.noko.posters.PosterFonts;
import ru.noko.posters.PosterPdf;
import ru.noko.posters.SurveyDates;

/**
 * The region operator's downloads of what {@code ./noko posters} writes, for the organizations of the registry this
 * gateway reads: {@code GET /admin/campaigns/{campaign}/posters.zip}, every organization's A4 poster in one zip,
 * streamed while the posters are drawn (off the event loop), and {@code …/posters/{organization}.pdf}, one poster.
 * The links on them lead to {@code NOKO_PUBLIC_URL}, and only there: never to an address a request's {@code Host}
 * names, which anyone can send. Without it there are no posters (503).
 */
@Component
class PosterDownloads {

    private static final Logger log = LoggerFactory.getLogger(PosterDownloads.class);
    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final LiveCampaigns campaigns;
    private final RegisteredOrganizations registry;
    private final ApiErrorWriter errors;
    private final AdminSettings settings;
    private final SiteSettings site;
    private final Executor drawing = Schedulers.boundedElastic()::schedule;

    PosterDownloads(
            LiveCampaigns campaigns,
            RegisteredOrganizations registry,
            ApiErrorWriter errors,
            AdminSettings settings,
            SiteSettings site) {
        this.site = site;
        this.campaigns = campaigns;
        this.registry = registry;
        this.errors = errors;
        this.settings = settings;
    }

    Mono<ServerResponse> zip(ServerRequest request) {
        return Mono.defer(() -> posters(request)
                        .map(Mono::just)
                        .orElseGet(Mono::empty)
                        .flatMap(posters -> {
                            List<Organization> organizations = registry.all().stream()
                                    .flatMap(o -> organization(o).stream())
                                    .toList();
                            if (organizations.isEmpty()) {
                                return errors.answer(errors.problem(
                                        HttpStatus.NOT_FOUND,
                                        "no-organizations",
                                        "Реестр пуст",
                                        "В реестре организаций, который читает шлюз, нет ни одной организации с типом: плакатов нет.",
                                        List.of()));
                            }
                            Publisher<DataBuffer> body = DataBufferUtils.outputStreamPublisher(
                                    out -> {
                                        try {
                                            posters.zip(organizations, out);
                                        } catch (IOException e) {
                                            log.warn(
                                                    "The posters zip of {} was cut short: {}",
                                                    posters.campaignId(),
                                                    e.getMessage());
                                            throw new UncheckedIOException(e);
                                        }
                                    },
                                    DefaultDataBufferFactory.sharedInstance,
                                    drawing);
                            return ServerResponse.ok()
                                    .contentType(ZIP)
                                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(posters.zipName()))
                                    .body(BodyInserters.fromDataBuffers(body));
                        })
                        .switchIfEmpty(Mono.defer(() -> unknownCampaign(request))))
                .onErrorResume(NoPublicAddress.class, this::noPublicAddress)
                .onErrorResume(IllegalStateException.class, this::noFonts);
    }

    Mono<ServerResponse> poster(ServerRequest request) {
        String id = request.pathVariable("organization");
        return Mono.defer(() -> posters(request)
                        .map(Mono::just)
                        .orElseGet(Mono::empty)
                        .flatMap(posters -> {
                            Optional<Organization> organization =
                                    registry.find(id).flatMap(PosterDownloads::organization);
                            if (organization.isEmpty()) {
                                return errors.answer(errors.problem(
                                        HttpStatus.NOT_FOUND,
                                        "unknown-organization",
                                        "Организация не найдена",
                                        "Организации «" + id + "» нет в реестре опроса.",
                                        List.of(new InvalidField(
                                                "organization", "unknown-organization", "Нет в реестре"))));
                            }
                            return Mono.fromCallable(() -> posters.poster(organization.get()))
                                    .subscribeOn(Schedulers.boundedElastic())
                                    .flatMap(pdf -> ServerResponse.ok()
                                            .contentType(MediaType.APPLICATION_PDF)
                                            .header(HttpHeaders.CONTENT_DISPOSITION, attachment(id + ".pdf"))
                                            .bodyValue(pdf));
                        })
                        .switchIfEmpty(Mono.defer(() -> unknownCampaign(request))))
                .onErrorResume(NoPublicAddress.class, this::noPublicAddress)
                .onErrorResume(IllegalStateException.class, this::noFonts);
    }

    /** The campaign's posters, if the campaign is one this gateway runs. */
    private Optional<CampaignPosters> posters(ServerRequest request) {
        Optional<Campaign> campaign = campaigns.find(request.pathVariable("campaign"));
        String base = site.url().orElseThrow(NoPublicAddress::new);
        return campaign.map(found -> CampaignPosters.of(
                found, base, SurveyDates.UNKNOWN, new PosterPdf(PosterFonts.in(settings.fontsFolder()))));
    }

    /** No {@code NOKO_PUBLIC_URL}: the posters would have no address to print. */
    private static final class NoPublicAddress extends RuntimeException {
        NoPublicAddress() {
            super("NOKO_PUBLIC_URL is not set", null, false, false);
        }
    }

    private Mono<ServerResponse> noPublicAddress(NoPublicAddress e) {
        log.warn("Posters cannot be drawn: NOKO_PUBLIC_URL, the address respondents reach, is not set");
        return errors.answer(errors.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "no-public-url",
                "Плакаты недоступны",
                "Не задан адрес, по которому респонденты открывают анкеты (NOKO_PUBLIC_URL): ссылки на плакатах "
                        + "берутся только из настроек.",
                List.of()));
    }

    /** The posters cannot be drawn here: the fonts are not installed (the message says which package). */
    private Mono<ServerResponse> noFonts(IllegalStateException e) {
        log.warn("Posters cannot be drawn: {}", e.getMessage());
        return errors.answer(errors.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "no-fonts",
                "Плакаты недоступны",
                "На сервере не установлены шрифты плакатов: " + e.getMessage(),
                List.of()));
    }

    private Mono<ServerResponse> unknownCampaign(ServerRequest request) {
        String id = request.pathVariable("campaign");
        return errors.answer(errors.problem(
                HttpStatus.NOT_FOUND,
                "unknown-campaign",
                "Кампания не найдена",
                "Кампания «" + id + "» не проводится.",
                List.of(new InvalidField("campaign", "unknown-campaign", "Такой кампании нет"))));
    }

    /** The registry entry as the posters need it; an entry without a type has no window and no poster. */
    private static Optional<Organization> organization(RegisteredOrganizations.Organization entry) {
        return entry.type()
                .map(type -> new Organization(
                        entry.id(), entry.name(), "", type, entry.municipality(), entry.region(), Map.of()));
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name).build().toString();
    }
}
