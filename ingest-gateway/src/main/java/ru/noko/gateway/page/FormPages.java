package ru.noko.gateway.page;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.KafkaSettings;

/**
 * The questionnaire's pages: blank for a new view (from {@link BlankForms}), or again with what the respondent sent,
 * its problems and a notice, under the same idempotency key so that sending it again is the same submission.
 */
@Component
class FormPages {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

    private final BlankForms blankForms;
    private final PageGuard guard;
    private final Clock clock;
    private final long retryAfterSeconds;

    FormPages(BlankForms blankForms, PageGuard guard, Clock clock, KafkaSettings kafka) {
        this.blankForms = blankForms;
        this.guard = guard;
        this.clock = clock;
        this.retryAfterSeconds = Math.max(1, kafka.retryAfter().toSeconds());
    }

    /** A new view of the questionnaire: a key of its own, so every post of it, repeated or retried, is one. */
    Mono<ServerResponse> blank(Survey survey) {
        PageGuard.Browser browser = guard.browser(survey.request());
        Instant now = clock.instant();
        String key = UUID.randomUUID().toString();
        String html = blankForms.form(
                survey.campaign(),
                survey.organization().id(),
                survey.organization().name(),
                key,
                now.truncatedTo(ChronoUnit.MILLIS).toString(),
                guard.token(survey, browser.device(), key, now));
        return guard.remember(
                        ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "private, no-cache"),
                        browser,
                        survey.request())
                .contentType(HTML)
                .bodyValue(html);
    }

    /**
     * The form again with what the respondent sent, under the same key and with a token for it.
     *
     * @param device the browser's device token, which the new token is for
     */
    Mono<ServerResponse> filled(
            HttpStatus status,
            Survey survey,
            Map<String, List<String>> form,
            List<InvalidField> problems,
            String notice,
            String device) {
        String key = PostedForms.first(form, "idempotencyKey").orElse("");
        SurveyPage page = SurveyPage.of(
                survey.campaign(),
                survey.organization().id(),
                survey.organization().name(),
                form,
                problems,
                key,
                PostedForms.first(form, "startedAt").orElse(""),
                guard.token(survey, device, key, clock.instant()),
                notice);
        ServerResponse.BodyBuilder builder =
                ServerResponse.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        return builder.contentType(MediaType.TEXT_HTML).render("survey/form", Map.of("page", page));
    }
}
