package ru.noko.gateway.system;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The one error shape of the API: an RFC 9457 problem ({@code application/problem+json}) with a Russian title and
 * detail, and an {@code errors} list naming each field and the rule it breaks. Each refusal is made here as an
 * {@link ApiProblem}; the functional routes write it with {@link #answer(ApiProblem)}, the survey endpoint, which
 * Reactor Netty serves directly, with its own writer.
 */
@Component
public class ApiErrorWriter {

    static final String ERRORS = "errors";
    static final String INVALID_TITLE = "Ответ не принят: ошибки в данных";

    public ProblemDetail problem(
            HttpStatus status, String type, String title, String detail, List<InvalidField> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:noko:problem:" + type));
        problem.setTitle(title);
        problem.setProperty(ERRORS, errors);
        return problem;
    }

    public Mono<ServerResponse> answer(ProblemDetail problem) {
        return answer(new ApiProblem(problem));
    }

    /** The problem as the functional routes' answer; Retry-After where it has one. */
    public Mono<ServerResponse> answer(ApiProblem problem) {
        ServerResponse.BodyBuilder answer =
                ServerResponse.status(problem.detail().getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()));
        }
        return answer.bodyValue(problem.detail());
    }

    /** 400: the fields and rules the response breaks, every one at once. */
    public ApiProblem invalid(List<InvalidField> problems) {
        String fields = String.join(
                ", ", problems.stream().map(InvalidField::field).distinct().toList());
        return new ApiProblem(problem(
                HttpStatus.BAD_REQUEST, "invalid-response", INVALID_TITLE, "Исправьте поля: " + fields, problems));
    }

    /** 400 for a body that does not bind: one problem, its message as the detail. */
    public ApiProblem unreadable(InvalidField problem) {
        return new ApiProblem(problem(
                HttpStatus.BAD_REQUEST, "invalid-response", INVALID_TITLE, problem.message(), List.of(problem)));
    }

    /** 413, before the rest of the body is read. */
    public ApiProblem tooLarge(long maxBytes) {
        ProblemDetail problem = problem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "Слишком большой запрос",
                "Тело запроса больше допустимых " + maxBytes + " байт.",
                List.of(new InvalidField(
                        "body", "max-size", "Тело запроса не должно превышать " + maxBytes + " байт")));
        return new ApiProblem(problem);
    }

    public ApiProblem unsupportedMediaType() {
        return new ApiProblem(problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Неподдерживаемый формат",
                "Отправьте ответ в формате JSON (Content-Type: application/json).",
                List.of(new InvalidField("Content-Type", "media-type", "Ожидается application/json"))));
    }

    /**
     * 503 with Retry-After: not stored, the respondent's page keeps the answers and sends them again. {@code why} says
     * what is wrong, in the detail.
     */
    public ApiProblem unavailable(String why, long retryAfterSeconds) {
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "temporarily-unavailable",
                "Сервис временно недоступен",
                why + " Ответ не сохранён. Повторите отправку через " + retryAfterSeconds + " с.",
                List.of());
        return new ApiProblem(problem, retryAfterSeconds);
    }

    /** 429 with Retry-After: this address sent more than the optional rate limit allows. */
    public ApiProblem tooMany(long retryAfterSeconds) {
        ProblemDetail problem = problem(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited",
                "Слишком много ответов",
                "С этого адреса пришло слишком много ответов подряд. Ответ не сохранён. Повторите отправку через "
                        + retryAfterSeconds + " с.",
                List.of());
        return new ApiProblem(problem, retryAfterSeconds);
    }

    /** 409: the idempotency key was used for another body. */
    public ApiProblem conflict(String detail) {
        return new ApiProblem(problem(
                HttpStatus.CONFLICT,
                "idempotency-key-reused",
                "Ключ повторной отправки уже использован",
                detail,
                List.of(new InvalidField(
                        "Idempotency-Key",
                        "reused-for-another-body",
                        "Этот ключ уже использован для другого ответа"))));
    }

    /**
     * 403: a browser says the request comes from another web site ({@code Origin} or {@code Referer}). Nothing was
     * read or stored.
     */
    public ApiProblem foreignOrigin(String origin) {
        return new ApiProblem(problem(
                HttpStatus.FORBIDDEN,
                "foreign-origin",
                "Запрос с чужого сайта",
                "Запрос отправлен со страницы другого сайта (" + shortened(origin) + "). Ответы принимаются только "
                        + "с анкеты на этом сайте.",
                List.of(new InvalidField("Origin", "same-origin", "Запрос должен прийти со страницы этого сайта"))));
    }

    /** 403: the submission's token does not show that this gateway gave the questionnaire to this device. */
    public ApiProblem forbidden(InvalidField problem) {
        return new ApiProblem(problem(
                HttpStatus.FORBIDDEN,
                "submission-token",
                "Анкета получена не на этом сайте",
                problem.message(),
                List.of(problem)));
    }

    /** 500: something unexpected; the detail says nothing of it (the log does), and that the response is not stored. */
    public ApiProblem internalError() {
        return new ApiProblem(problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Внутренняя ошибка",
                "Ответ не сохранён. Повторите отправку позже.",
                List.of()));
    }

    /** What another site sent as its origin, cut to a length that fits a message. */
    private static String shortened(String origin) {
        return origin.length() <= 100 ? origin : origin.substring(0, 100) + "…";
    }
}
