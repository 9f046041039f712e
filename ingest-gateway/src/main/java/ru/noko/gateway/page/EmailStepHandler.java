package ru.noko.gateway.page;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
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
import ru.noko.gateway.system.ClientAddress;
import ru.noko.gateway.system.InvalidField;

/**
 * The e-mail step before the questionnaire of a campaign that confirms addresses: the address form, {@code POST
 * …/email} sends the code and asks for it, {@code POST …/email/confirm} opens the questionnaire with the address
 * confirmed. Both posts are taken only from this site's page in the browser it was given to, as the questionnaire is,
 * so another site cannot have its visitors' browsers send letters.
 */
@Component
class EmailStepHandler {

    private final Surveys surveys;
    private final PostedForms forms;
    private final FormPages formPages;
    private final PageGuard guard;
    private final EmailConfirmation emailConfirmation;
    private final Clock clock;
    private final long codeMinutes;

    EmailStepHandler(
            Surveys surveys,
            PostedForms forms,
            FormPages formPages,
            PageGuard guard,
            EmailConfirmation emailConfirmation,
            EmailSettings email,
            Clock clock) {
        this.surveys = surveys;
        this.forms = forms;
        this.formPages = formPages;
        this.guard = guard;
        this.emailConfirmation = emailConfirmation;
        this.clock = clock;
        this.codeMinutes = Math.max(1, email.codeValidity().toMinutes());
    }

    /** The e-mail step's page: the address form, or the code form for an address a code was sent to. */
    private record Step(String step, String email, String challenge, String error, String notice) {
        static Step address(String email, String error, String notice) {
            return new Step("address", email, null, error, notice);
        }

        static Step code(String email, String challenge, String error) {
            return new Step("code", email, challenge, error, null);
        }
    }

    /** {@code GET /s/…} of a campaign that confirms addresses: the address form. */
    Mono<ServerResponse> addressPage(Survey survey) {
        return step(HttpStatus.OK, survey, Step.address("", null, null), guard.browser(survey.request()));
    }

    /** The address form again, with a notice: the confirmation a questionnaire came with did not hold. */
    Mono<ServerResponse> addressStep(HttpStatus status, Survey survey, String email, String notice, String device) {
        return step(status, survey, Step.address(email, null, notice), new PageGuard.Browser(device, false));
    }

    /** {@code POST …/email}: sends a code to the address given, then asks for it. */
    Mono<ServerResponse> requestCode(ServerRequest request) {
        Instant now = clock.instant();
        return guarded(request, now, (survey, form) -> {
            String device = form.device();
            String email =
                    PostedForms.first(form.fields(), "email").map(String::strip).orElse("");
            CodeRequest code = new CodeRequest(
                    survey.campaign().id(), survey.organization().id(), email);
            return emailConfirmation
                    .send(code, survey.campaign(), survey.organization().name(), ClientAddress.of(request), now)
                    .flatMap(sending -> {
                        if (sending instanceof EmailConfirmation.Sending.Sent sent) {
                            return step(HttpStatus.OK, survey, Step.code(email, sent.challenge(), null), device);
                        }
                        if (sending instanceof EmailConfirmation.Sending.Invalid invalid) {
                            return step(
                                    HttpStatus.UNPROCESSABLE_ENTITY,
                                    survey,
                                    Step.address(
                                            email, invalid.problems().get(0).message(), null),
                                    device);
                        }
                        if (sending instanceof EmailConfirmation.Sending.TooMany tooMany) {
                            return step(
                                    HttpStatus.TOO_MANY_REQUESTS,
                                    survey,
                                    Step.address(
                                            email,
                                            null,
                                            "Слишком много писем с кодом за последнее время. Воспользуйтесь уже "
                                                    + "полученным кодом или попробуйте через "
                                                    + Math.max(1, tooMany.retryAfterSeconds() / 60) + " мин."),
                                    device);
                        }
                        return step(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                survey,
                                Step.address(
                                        email,
                                        null,
                                        "Не удалось отправить письмо с кодом. Попробуйте ещё раз через минуту."),
                                device);
                    });
        });
    }

    /** {@code POST …/email/confirm}: a right code opens the questionnaire with the address confirmed. */
    Mono<ServerResponse> confirmCode(ServerRequest request) {
        Instant now = clock.instant();
        return guarded(request, now, (survey, form) -> {
            String device = form.device();
            String email =
                    PostedForms.first(form.fields(), "email").map(String::strip).orElse("");
            String challenge = PostedForms.first(form.fields(), "challenge").orElse("");
            EmailConfirmation.Entry entry = emailConfirmation.enter(
                    new CodeEntry(
                            survey.campaign().id(),
                            survey.organization().id(),
                            email,
                            challenge,
                            PostedForms.first(form.fields(), "code").orElse("")),
                    ClientAddress.of(request),
                    now);
            if (entry instanceof EmailConfirmation.Entry.Confirmed confirmed) {
                Map<String, List<String>> questionnaire = new HashMap<>();
                questionnaire.put("email", List.of(email));
                questionnaire.put("emailProof", List.of(confirmed.proof()));
                questionnaire.put("idempotencyKey", List.of(UUID.randomUUID().toString()));
                questionnaire.put(
                        "startedAt", List.of(now.truncatedTo(ChronoUnit.MILLIS).toString()));
                return formPages.filled(HttpStatus.OK, survey, questionnaire, List.of(), null, device);
            }
            if (entry instanceof EmailConfirmation.Entry.Wrong wrong) {
                return step(
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        survey,
                        Step.code(email, challenge, "Неверный код. Осталось попыток: " + wrong.attemptsLeft() + "."),
                        device);
            }
            if (entry instanceof EmailConfirmation.Entry.Spent spent) {
                return step(HttpStatus.UNPROCESSABLE_ENTITY, survey, Step.address(email, null, spent.why()), device);
            }
            if (entry instanceof EmailConfirmation.Entry.TooMany tooMany) {
                return step(
                        HttpStatus.TOO_MANY_REQUESTS,
                        survey,
                        Step.code(
                                email,
                                challenge,
                                "Код не проверен: за последнее время введено слишком много неверных кодов. "
                                        + "Попробуйте через "
                                        + Math.max(1, tooMany.retryAfterSeconds() / 60) + " мин."),
                        device);
            }
            List<InvalidField> problems = ((EmailConfirmation.Entry.Invalid) entry).problems();
            return problems.stream()
                    .filter(problem -> problem.field().equals("code"))
                    .findFirst()
                    .map(problem -> step(
                            HttpStatus.UNPROCESSABLE_ENTITY,
                            survey,
                            Step.code(email, challenge, problem.message()),
                            device))
                    .orElseGet(() -> step(
                            HttpStatus.UNPROCESSABLE_ENTITY,
                            survey,
                            Step.address(email, null, problems.get(0).message()),
                            device));
        });
    }

    /** A posted e-mail form that passed the guard: its fields and the browser's device. */
    private record Guarded(Map<String, List<String>> fields, String device) {}

    /** Reads the posted form and runs {@code then} if it comes from this site's page in this browser. */
    private Mono<ServerResponse> guarded(
            ServerRequest request, Instant now, BiFunction<Survey, Guarded, Mono<ServerResponse>> then) {
        return surveys.open(
                request,
                survey -> forms.read(survey, form -> {
                    PageGuard.Posted posted = guard.check(survey, form, now);
                    if (posted instanceof PageGuard.Posted.Refused refused) {
                        return refused.page();
                    }
                    if (posted instanceof PageGuard.Posted.Expired expired) {
                        return step(
                                HttpStatus.FORBIDDEN,
                                survey,
                                Step.address(
                                        PostedForms.first(form, "email").orElse(""),
                                        null,
                                        "Страница была открыта слишком давно. Запросите код ещё раз."),
                                expired.device());
                    }
                    return then.apply(survey, new Guarded(form, ((PageGuard.Posted.Passed) posted).device()));
                }));
    }

    private Mono<ServerResponse> step(HttpStatus status, Survey survey, Step step, String device) {
        return step(status, survey, step, new PageGuard.Browser(device, false));
    }

    private Mono<ServerResponse> step(HttpStatus status, Survey survey, Step step, PageGuard.Browser browser) {
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
        model.put(
                "submissionToken",
                guard.token(survey, browser.device(), UUID.randomUUID().toString(), clock.instant()));
        return guard.remember(
                        ServerResponse.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store"),
                        browser,
                        survey.request())
                .contentType(MediaType.TEXT_HTML)
                .render("survey/email", model);
    }
}
