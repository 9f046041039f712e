package ru.noko.gateway.page;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.email.CodeEntry;
import ru.noko.gateway.email.CodeRequest;
import ru.noko.gateway.email.EmailConfirmation;
import ru.noko.gateway.email.EmailSettings;
import ru.noko.gateway.registry.RegisteredOrganizations;
import ru.noko.gateway.registry.RegisteredOrganizations.Organization;
import ru.noko.gateway.registry.WindowDays;
import ru.noko.gateway.response.Intake;
import ru.noko.gateway.response.ResponseIntake;
import ru.noko.gateway.response.SubmittedResponse;
import ru.noko.gateway.system.AddressRateLimit;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.KafkaSettings;
import ru.noko.gateway.system.LimitSettings;
import ru.noko.gateway.system.RequestBodies;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.campaign.WindowState;

/**
 * The respondent's pages: {@code GET /s/{campaign}/{organization}} draws the questionnaire, {@code POST} to the same
 * address takes the form (no JavaScript needed) through the same intake as the JSON API and redirects to the
 * thank-you page with the receipt (post/redirect/get, so a refresh does not post again); a form with problems comes
 * back with the answers kept and each problem next to its question. The organization comes from the registry in
 * memory and the questionnaire from the campaign: nothing here waits for anything but Kafka's acknowledgement.
 */
@Component
class SurveyPageHandler {

    private static final Pattern RECEIPT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A page's campaign and organization, both known. */
    private record Survey(Campaign campaign, Organization organization, ServerRequest request) {
        String address() {
            return "/s/" + campaign.id() + "/" + organization.id();
        }
    }

    private final Campaigns campaigns;
    private final RegisteredOrganizations organizations;
    private final ResponseIntake intake;
    private final AddressRateLimit rateLimit;
    private final Clock clock;
    private final BlankForms blankForms;
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);
    private final long maxBody;
    private final long retryAfterSeconds;

    private final EmailConfirmation emailConfirmation;
    private final long codeMinutes;

    SurveyPageHandler(
            Campaigns campaigns,
            RegisteredOrganizations organizations,
            ResponseIntake intake,
            AddressRateLimit rateLimit,
            Clock clock,
            LimitSettings limits,
            KafkaSettings kafka,
            BlankForms blankForms,
            EmailConfirmation emailConfirmation,
            EmailSettings email) {
        this.blankForms = blankForms;
        this.emailConfirmation = emailConfirmation;
        this.codeMinutes = Math.max(1, email.codeValidity().toMinutes());
        this.campaigns = campaigns;
        this.organizations = organizations;
        this.intake = intake;
        this.rateLimit = rateLimit;
        this.clock = clock;
        this.maxBody = limits.maxBody().toBytes();
        this.retryAfterSeconds = Math.max(1, kafka.retryAfter().toSeconds());
    }

    Mono<ServerResponse> page(ServerRequest request) {
        return survey(request, survey -> {
            if (EmailConfirmation.required(survey.campaign())) {
                return emailStep(HttpStatus.OK, survey, EmailStep.address("", null, null));
            }
            // A key per page view: every post of this page, repeated or retried, is the same submission.
            String html = blankForms.form(
                    survey.campaign(),
                    survey.organization().id(),
                    survey.organization().name(),
                    UUID.randomUUID().toString(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
            ServerResponse.BodyBuilder ok = ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
            if (DeviceCookie.of(request).isEmpty()) {
                ok.cookie(DeviceCookie.fresh(request));
            }
            return ok.contentType(HTML).bodyValue(html);
        });
    }

    Mono<ServerResponse> thanks(ServerRequest request) {
        return survey(request, false, survey -> {
            String receipt = request.pathVariable("receipt");
            if (!RECEIPT.matcher(receipt).matches()) {
                return message(
                        HttpStatus.NOT_FOUND,
                        "Страница не найдена",
                        "Такого номера ответа не бывает. Проверьте адрес страницы.",
                        survey.address(),
                        "Открыть анкету");
            }
            // The page only shows the number it was sent to: the receipt came from this gateway's redirect.
            return ServerResponse.ok()
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
        return message(
                HttpStatus.NOT_FOUND,
                "Страница не найдена",
                "Такой страницы нет. Проверьте ссылку, которую Вам прислали: она выглядит как …/s/кампания/организация.",
                null,
                null);
    }

    Mono<ServerResponse> submit(ServerRequest request) {
        Instant receivedAt = clock.instant();
        return survey(request, survey -> {
            if (!rateLimit.allows(client(request))) {
                return message(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "Слишком много ответов",
                        "С этого адреса пришло слишком много ответов подряд. Ответы не сохранены: вернитесь назад и "
                                + "отправьте их ещё раз через минуту.",
                        null,
                        null);
            }
            return withForm(request, survey, form -> accept(form, survey, request, receivedAt));
        });
    }

    /** {@code POST …/email}: sends a code to the address given, then asks for it. */
    Mono<ServerResponse> requestCode(ServerRequest request) {
        Instant now = clock.instant();
        return survey(
                request,
                survey -> withForm(request, survey, form -> {
                    String email = first(form, "email").map(String::strip).orElse("");
                    CodeRequest code = new CodeRequest(
                            survey.campaign().id(), survey.organization().id(), email);
                    return emailConfirmation
                            .send(code, survey.campaign(), survey.organization().name(), client(request), now)
                            .flatMap(sending -> {
                                if (sending instanceof EmailConfirmation.Sending.Sent sent) {
                                    return emailStep(
                                            HttpStatus.OK, survey, EmailStep.code(email, sent.challenge(), null));
                                }
                                if (sending instanceof EmailConfirmation.Sending.Invalid invalid) {
                                    return emailStep(
                                            HttpStatus.UNPROCESSABLE_ENTITY,
                                            survey,
                                            EmailStep.address(
                                                    email,
                                                    invalid.problems().get(0).message(),
                                                    null));
                                }
                                if (sending instanceof EmailConfirmation.Sending.TooMany tooMany) {
                                    return emailStep(
                                            HttpStatus.TOO_MANY_REQUESTS,
                                            survey,
                                            EmailStep.address(
                                                    email,
                                                    null,
                                                    "Слишком много писем с кодом за последнее время. Воспользуйтесь уже полученным "
                                                            + "кодом или попробуйте через "
                                                            + Math.max(1, tooMany.retryAfterSeconds() / 60)
                                                            + " мин."));
                                }
                                return emailStep(
                                        HttpStatus.SERVICE_UNAVAILABLE,
                                        survey,
                                        EmailStep.address(
                                                email,
                                                null,
                                                "Не удалось отправить письмо с кодом. Попробуйте ещё раз через минуту."));
                            });
                }));
    }

    /** {@code POST …/email/confirm}: a right code opens the questionnaire with the address confirmed. */
    Mono<ServerResponse> confirmCode(ServerRequest request) {
        Instant now = clock.instant();
        return survey(
                request,
                survey -> withForm(request, survey, form -> {
                    String email = first(form, "email").map(String::strip).orElse("");
                    String challenge = first(form, "challenge").orElse("");
                    EmailConfirmation.Entry entry = emailConfirmation.enter(
                            new CodeEntry(
                                    survey.campaign().id(),
                                    survey.organization().id(),
                                    email,
                                    challenge,
                                    first(form, "code").orElse("")),
                            now);
                    if (entry instanceof EmailConfirmation.Entry.Confirmed confirmed) {
                        Map<String, List<String>> questionnaire = new HashMap<>();
                        questionnaire.put("email", List.of(email));
                        questionnaire.put("emailProof", List.of(confirmed.proof()));
                        questionnaire.put(
                                "idempotencyKey", List.of(UUID.randomUUID().toString()));
                        questionnaire.put(
                                "startedAt",
                                List.of(now.truncatedTo(ChronoUnit.MILLIS).toString()));
                        return form(HttpStatus.OK, survey, questionnaire, List.of(), null);
                    }
                    if (entry instanceof EmailConfirmation.Entry.Wrong wrong) {
                        return emailStep(
                                HttpStatus.UNPROCESSABLE_ENTITY,
                                survey,
                                EmailStep.code(
                                        email,
                                        challenge,
                                        "Неверный код. Осталось попыток: " + wrong.attemptsLeft() + "."));
                    }
                    if (entry instanceof EmailConfirmation.Entry.Spent spent) {
                        return emailStep(
                                HttpStatus.UNPROCESSABLE_ENTITY, survey, EmailStep.address(email, null, spent.why()));
                    }
                    List<InvalidField> problems = ((EmailConfirmation.Entry.Invalid) entry).problems();
                    return problems.stream().anyMatch(problem -> problem.field().equals("code"))
                            ? emailStep(
                                    HttpStatus.UNPROCESSABLE_ENTITY,
                                    survey,
                                    EmailStep.code(
                                            email,
                                            challenge,
                                            problems.stream()
                                                    .filter(problem ->
                                                            problem.field().equals("code"))
                                                    .findFirst()
                                                    .get()
                                                    .message()))
                            : emailStep(
                                    HttpStatus.UNPROCESSABLE_ENTITY,
                                    survey,
                                    EmailStep.address(
                                            email, null, problems.get(0).message()));
                }));
    }

    /** The e-mail step's page: the address form, or the code form for an address a code was sent to. */
    private record EmailStep(String step, String email, String challenge, String error, String notice) {
        static EmailStep address(String email, String error, String notice) {
            return new EmailStep("address", email, null, error, notice);
        }

        static EmailStep code(String email, String challenge, String error) {
            return new EmailStep("code", email, challenge, error, null);
        }
    }

    private Mono<ServerResponse> emailStep(HttpStatus status, Survey survey, EmailStep step) {
        Map<String, Object> model = new HashMap<>();
        model.put(
                "title", step.step().equals("code") ? "Введите код из письма" : "Подтвердите адрес электронной почты");
        model.put("organizationName", survey.organization().name());
        model.put("campaignTitle", survey.campaign().definition().title());
        model.put("action", survey.address());
        model.put("step", step.step());
        model.put("email", step.email());
        model.put("challenge", step.challenge());
        model.put("error", step.error());
        model.put("notice", step.notice());
        model.put("minutes", codeMinutes);
        ServerResponse.BodyBuilder builder =
                ServerResponse.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (DeviceCookie.of(survey.request()).isEmpty()) {
            builder.cookie(DeviceCookie.fresh(survey.request()));
        }
        return builder.contentType(MediaType.TEXT_HTML).render("survey/email", model);
    }

    /** Reads a posted form (type and size checked) and hands it on; a form that does not read gets its page. */
    private Mono<ServerResponse> withForm(
            ServerRequest request, Survey survey, Function<Map<String, List<String>>, Mono<ServerResponse>> then) {
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return message(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Анкета не распознана",
                    "Отправьте анкету с её страницы.",
                    survey.address(),
                    "Открыть анкету");
        }
        if (request.headers().contentLength().orElse(-1) > maxBody) {
            return tooLarge(survey);
        }
        return RequestBodies.read(request, maxBody)
                .flatMap(body -> {
                    Map<String, List<String>> form;
                    try {
                        form = FormBody.parse(body);
                    } catch (IllegalArgumentException e) {
                        return malformed(survey);
                    }
                    return then.apply(form);
                })
                .onErrorResume(DataBufferLimitException.class, e -> tooLarge(survey));
    }

    private static String client(ServerRequest request) {
        return request.remoteAddress().map(ResponseIntake::host).orElse("");
    }

    private Mono<ServerResponse> accept(
            Map<String, List<String>> form, Survey survey, ServerRequest request, Instant receivedAt) {
        Instant startedAt;
        try {
            startedAt = Instant.parse(first(form, "startedAt").orElseThrow(IllegalArgumentException::new));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return malformed(survey);
        }
        Optional<String> key = first(form, "idempotencyKey");
        if (key.isEmpty()) {
            return malformed(survey);
        }
        String role = first(form, "respondentRole").orElse(null);
        FormAnswers.Read answers = FormAnswers.read(survey.campaign().instrument(), role, form);
        if (!answers.problems().isEmpty()) {
            return form(HttpStatus.UNPROCESSABLE_ENTITY, survey, form, answers.problems(), null);
        }
        SubmittedResponse response = new SubmittedResponse(
                survey.campaign().id(),
                survey.organization().id(),
                role,
                answers.answers(),
                startedAt,
                receivedAt,
                DeviceCookie.of(request).orElse(null),
                first(form, "email").map(String::strip).orElse(null),
                first(form, "emailProof").orElse(null));
        return intake.takeTimedByServer(response, key.get(), request, receivedAt)
                .flatMap(outcome -> {
                    if (outcome instanceof Intake.Stored stored) {
                        return ServerResponse.seeOther(URI.create(survey.address() + "/thanks/" + stored.responseId()))
                                .build();
                    }
                    if (outcome instanceof Intake.AnsweredBefore) {
                        return message(
                                HttpStatus.CONFLICT,
                                "Вы уже ответили",
                                "С этого адреса электронной почты уже отправлен ответ для этой организации. Один человек "
                                        + "отвечает на анкету один раз, поэтому этот ответ не будет учтён.",
                                null,
                                null);
                    }
                    if (outcome instanceof Intake.Invalid invalid
                            && EmailConfirmation.required(survey.campaign())
                            && invalid.problems().stream()
                                    .anyMatch(p -> p.field().equals("emailProof")
                                            || p.field().equals("email"))) {
                        // Without a valid confirmation the answers cannot be sent as they are: confirm the address
                        // again.
                        return emailStep(
                                HttpStatus.FORBIDDEN,
                                survey,
                                EmailStep.address(
                                        first(form, "email").orElse(""),
                                        null,
                                        invalid.problems().stream()
                                                        .filter(p -> p.field().startsWith("email"))
                                                        .findFirst()
                                                        .get()
                                                        .message()
                                                + " Ответы не сохранены."));
                    }
                    if (outcome instanceof Intake.Invalid invalid) {
                        return form(HttpStatus.UNPROCESSABLE_ENTITY, survey, form, invalid.problems(), null);
                    }
                    if (outcome instanceof Intake.Conflict conflict) {
                        return message(
                                HttpStatus.CONFLICT,
                                "Ответ уже отправлен",
                                "С этой страницы уже отправлен ответ с другими ответами на вопросы, его номер "
                                        + conflict.earlierResponseId()
                                        + ". Чтобы ответить заново, откройте анкету ещё раз.",
                                survey.address(),
                                "Открыть анкету");
                    }
                    Intake.Unavailable unavailable = (Intake.Unavailable) outcome;
                    return form(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            survey,
                            form,
                            List.of(),
                            unavailable.why()
                                    + " Ваши ответы остались на этой странице: отправьте их ещё раз через "
                                    + unavailable.retryAfterSeconds() + " с.");
                });
    }

    /** The form again with what the respondent sent, under the same key, so sending it again is the same submission. */
    private Mono<ServerResponse> form(
            HttpStatus status,
            Survey survey,
            Map<String, List<String>> form,
            List<InvalidField> problems,
            String notice) {
        SurveyPage page = SurveyPage.of(
                survey.campaign(),
                survey.organization().id(),
                survey.organization().name(),
                form,
                problems,
                first(form, "idempotencyKey").orElse(""),
                first(form, "startedAt").orElse(""),
                notice);
        ServerResponse.BodyBuilder builder =
                ServerResponse.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        return builder.contentType(MediaType.TEXT_HTML).render("survey/form", Map.of("page", page));
    }

    /**
     * Runs {@code then} for a known campaign and organization whose window is open today; otherwise a page that says
     * which is unknown, or when the organization's window is.
     */
    private Mono<ServerResponse> survey(ServerRequest request, Function<Survey, Mono<ServerResponse>> then) {
        return survey(request, true, then);
    }

    /** @param inWindow whether the campaign must take responses today: not for a receipt already given */
    private Mono<ServerResponse> survey(
            ServerRequest request, boolean inWindow, Function<Survey, Mono<ServerResponse>> then) {
        Optional<Campaign> campaign = campaigns.find(request.pathVariable("campaign"));
        if (campaign.isEmpty()) {
            return message(
                    HttpStatus.NOT_FOUND,
                    "Анкета не найдена",
                    "Такого опроса нет или он уже закончился. Проверьте ссылку, которую Вам прислали.",
                    null,
                    null);
        }
        Optional<Organization> organization = organizations.find(request.pathVariable("organization"));
        if (organization.isEmpty() && !organizations.loaded()) {
            return message(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Страница ещё загружается",
                    "Список организаций ещё загружается. Обновите страницу через несколько секунд.",
                    null,
                    null);
        }
        if (organization.isEmpty()) {
            return message(
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
            return closed(window, organization.get());
        }
        return then.apply(new Survey(campaign.get(), organization.get(), request));
    }

    /** 403: the campaign takes no responses for this organization's type today; says when it does or did. */
    private static Mono<ServerResponse> closed(WindowState window, Organization organization) {
        String days = WindowDays.of(window);
        return window.phase() == WindowState.Phase.NOT_YET_OPEN
                ? message(
                        HttpStatus.FORBIDDEN,
                        "Опрос ещё не начался",
                        "Для организации «" + organization.name() + "» опрос проходит " + days
                                + ". Откройте эту ссылку в эти дни.",
                        null,
                        null)
                : message(
                        HttpStatus.FORBIDDEN,
                        "Опрос завершён",
                        "Для организации «" + organization.name() + "» опрос проходил " + days
                                + " и уже закончился. Ответы больше не принимаются.",
                        null,
                        null);
    }

    private Mono<ServerResponse> malformed(Survey survey) {
        return message(
                HttpStatus.BAD_REQUEST,
                "Анкета не распознана",
                "Форма пришла повреждённой или устарела. Ответы не сохранены: откройте анкету заново.",
                survey.address(),
                "Открыть анкету");
    }

    private Mono<ServerResponse> tooLarge(Survey survey) {
        return message(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "Слишком длинные ответы",
                "Анкета больше допустимых " + maxBody / 1024 + " КБ. Ответы не сохранены: сократите текстовые ответы и "
                        + "отправьте анкету заново.",
                survey.address(),
                "Открыть анкету");
    }

    private static Mono<ServerResponse> message(
            HttpStatus status, String title, String text, String link, String linkText) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("text", text);
        model.put("link", link);
        model.put("linkText", linkText);
        return ServerResponse.status(status).contentType(MediaType.TEXT_HTML).render("survey/message", model);
    }

    private static Optional<String> first(Map<String, List<String>> form, String field) {
        return form.getOrDefault(field, List.of()).stream()
                .filter(value -> !value.isBlank())
                .findFirst();
    }
}
