package ru.noko.gateway.page;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.email.EmailConfirmation;
import ru.noko.gateway.response.Intake;
import ru.noko.gateway.response.ResponseIntake;
import ru.noko.gateway.response.SubmittedResponse;
import ru.noko.gateway.response.Submitter;
import ru.noko.gateway.system.AddressRateLimit;
import ru.noko.gateway.system.ClientAddress;
import ru.noko.gateway.system.InvalidField;

/**
 * The respondent's pages: {@code GET /s/{campaign}/{organization}} draws the questionnaire (or, where the campaign
 * confirms addresses, the e-mail step: {@link EmailStepHandler}), {@code POST} to the same address takes the form (no
 * JavaScript needed) through the same intake as the JSON API and redirects to the thank-you page with the receipt
 * (post/redirect/get, so a refresh does not post again); a form with problems comes back with the answers kept and
 * each problem next to its question. A form is taken only from this site's page in the browser it was given to
 * ({@link PageGuard}). Nothing here waits for anything but Kafka's acknowledgement.
 */
@Component
class SurveyPageHandler {

    private static final Pattern RECEIPT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Surveys surveys;
    private final PostedForms forms;
    private final FormPages formPages;
    private final PageGuard guard;
    private final ReceiptLinks receipts;
    private final EmailStepHandler emailSteps;
    private final ResponseIntake intake;
    private final AddressRateLimit rateLimit;
    private final Clock clock;

    SurveyPageHandler(
            Surveys surveys,
            PostedForms forms,
            FormPages formPages,
            PageGuard guard,
            ReceiptLinks receipts,
            EmailStepHandler emailSteps,
            ResponseIntake intake,
            AddressRateLimit rateLimit,
            Clock clock) {
        this.surveys = surveys;
        this.forms = forms;
        this.formPages = formPages;
        this.guard = guard;
        this.receipts = receipts;
        this.emailSteps = emailSteps;
        this.intake = intake;
        this.rateLimit = rateLimit;
        this.clock = clock;
    }

    Mono<ServerResponse> page(ServerRequest request) {
        return surveys.open(
                request,
                survey -> EmailConfirmation.required(survey.campaign())
                        ? emailSteps.addressPage(survey)
                        : formPages.blank(survey));
    }

    /**
     * The receipt, for the browser that sent the response (the address's signature is for its device cookie); a
     * neutral page for anyone else, since a well-formed number proves nothing.
     */
    Mono<ServerResponse> thanks(ServerRequest request) {
        return surveys.find(request, false, survey -> {
            String receipt = request.pathVariable("receipt");
            if (!RECEIPT.matcher(receipt).matches()) {
                return PageMessages.message(
                        HttpStatus.NOT_FOUND,
                        "Страница не найдена",
                        "Такого номера ответа не бывает. Проверьте адрес страницы.",
                        survey.address(),
                        "Открыть анкету");
            }
            if (!receipts.sentBy(
                    receipt,
                    DeviceCookie.of(request).orElse(null),
                    request.queryParam(ReceiptLinks.PARAMETER).orElse(null))) {
                return PageMessages.message(
                        HttpStatus.OK,
                        "Спасибо за участие в опросе",
                        "Номер ответа показывается только в браузере, из которого ответ был отправлен.",
                        survey.address(),
                        "Открыть анкету");
            }
            return ServerResponse.ok()
                    .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .contentType(MediaType.TEXT_HTML)
                    .render(
                            "survey/thanks",
                            Map.of(
                                    "organizationName",
                                    survey.organization().name(),
                                    "campaignTitle",
                                    survey.campaign().definition().title(),
                                    "receipt",
                                    receipt));
        });
    }

    Mono<ServerResponse> noSuchPage(ServerRequest request) {
        return PageMessages.message(
                HttpStatus.NOT_FOUND,
                "Страница не найдена",
                "Такой страницы нет. Проверьте ссылку, которую Вам прислали: она выглядит как …/s/кампания/организация.",
                null,
                null);
    }

    Mono<ServerResponse> submit(ServerRequest request) {
        Instant receivedAt = clock.instant();
        return surveys.open(request, survey -> {
            if (!rateLimit.allows(ClientAddress.of(request))) {
                return PageMessages.message(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "Слишком много ответов",
                        "С этого адреса пришло слишком много ответов подряд. Ответы не сохранены: вернитесь назад и "
                                + "отправьте их ещё раз через минуту.",
                        null,
                        null);
            }
            return forms.read(survey, form -> {
                PageGuard.Posted posted = guard.check(survey, form, receivedAt);
                if (posted instanceof PageGuard.Posted.Refused refused) {
                    return refused.page();
                }
                if (posted instanceof PageGuard.Posted.Expired expired) {
                    return formPages.filled(
                            HttpStatus.FORBIDDEN,
                            survey,
                            form,
                            List.of(),
                            "Страница анкеты была открыта слишком давно. Проверьте ответы и отправьте их ещё раз.",
                            expired.device());
                }
                PageGuard.Posted.Passed passed = (PageGuard.Posted.Passed) posted;
                Optional<String> key = PostedForms.first(form, "idempotencyKey");
                if (key.isEmpty()) {
                    return PageMessages.malformed(survey);
                }
                if (!key.get().equals(passed.view())) {
                    // A token from another view of the page: each view's form is one submission.
                    return PageMessages.notOurForm(survey);
                }
                return accept(form, survey, passed.device(), receivedAt);
            });
        });
    }

    private Mono<ServerResponse> accept(
            Map<String, List<String>> form, Survey survey, String device, Instant receivedAt) {
        Instant startedAt;
        try {
            startedAt = Instant.parse(PostedForms.first(form, "startedAt").orElseThrow(IllegalArgumentException::new));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return PageMessages.malformed(survey);
        }
        String key = PostedForms.first(form, "idempotencyKey").orElseThrow();
        String role = PostedForms.first(form, "respondentRole").orElse(null);
        FormAnswers.Read answers = FormAnswers.read(survey.campaign().instrument(), role, form);
        if (!answers.problems().isEmpty()) {
            return formPages.filled(HttpStatus.UNPROCESSABLE_ENTITY, survey, form, answers.problems(), null, device);
        }
        Optional<String> email = PostedForms.first(form, "email").map(String::strip);
        SubmittedResponse response = new SubmittedResponse(
                survey.campaign().id(),
                survey.organization().id(),
                role,
                answers.answers(),
                startedAt,
                receivedAt,
                device,
                email.orElse(null),
                PostedForms.first(form, "emailProof").orElse(null),
                PostedForms.first(form, PageGuard.TOKEN_FIELD).orElse(null));
        return intake.takeTimedByServer(response, key, Submitter.of(survey.request()), receivedAt)
                .flatMap(outcome -> answer(outcome, form, survey, device));
    }

    private Mono<ServerResponse> answer(Intake outcome, Map<String, List<String>> form, Survey survey, String device) {
        if (outcome instanceof Intake.Stored stored) {
            return ServerResponse.seeOther(URI.create(receipts.location(survey, stored.responseId(), device)))
                    .build();
        }
        if (outcome instanceof Intake.AnsweredBefore) {
            return PageMessages.message(
                    HttpStatus.CONFLICT,
                    "Вы уже ответили",
                    "С этого адреса электронной почты уже отправлен ответ для этой организации. Один человек "
                            + "отвечает на анкету один раз, поэтому этот ответ не будет учтён.",
                    null,
                    null);
        }
        if (outcome instanceof Intake.Forbidden) {
            return PageMessages.notOurForm(survey);
        }
        if (outcome instanceof Intake.Invalid invalid
                && EmailConfirmation.required(survey.campaign())
                && invalid.problems().stream().anyMatch(p -> p.field().startsWith("email"))) {
            // Without a valid confirmation the answers cannot be sent as they are: confirm the address again.
            String why = invalid.problems().stream()
                    .filter(p -> p.field().startsWith("email"))
                    .findFirst()
                    .map(InvalidField::message)
                    .orElseThrow();
            return emailSteps.addressStep(
                    HttpStatus.FORBIDDEN,
                    survey,
                    PostedForms.first(form, "email").orElse(""),
                    why + " Ответы не сохранены.",
                    device);
        }
        if (outcome instanceof Intake.Invalid invalid) {
            return formPages.filled(HttpStatus.UNPROCESSABLE_ENTITY, survey, form, invalid.problems(), null, device);
        }
        if (outcome instanceof Intake.Conflict conflict) {
            return PageMessages.message(
                    HttpStatus.CONFLICT,
                    "Ответ уже отправлен",
                    "С этой страницы уже отправлен ответ с другими ответами на вопросы, его номер "
                            + conflict.earlierResponseId()
                            + ". Чтобы ответить заново, откройте анкету ещё раз.",
                    survey.address(),
                    "Открыть анкету");
        }
        Intake.Unavailable unavailable = (Intake.Unavailable) outcome;
        return formPages.filled(
                HttpStatus.SERVICE_UNAVAILABLE,
                survey,
                form,
                List.of(),
                unavailable.why()
                        + " Ваши ответы остались на этой странице: отправьте их ещё раз через "
                        + unavailable.retryAfterSeconds() + " с.",
                device);
    }
}
