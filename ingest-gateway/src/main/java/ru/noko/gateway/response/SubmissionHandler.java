package ru.noko.gateway.response;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import ru.noko.gateway.crosssite.SameOrigin;
import ru.noko.gateway.system.AddressRateLimit;
import ru.noko.gateway.system.ApiErrorWriter;
import ru.noko.gateway.system.ClientAddress;
import ru.noko.gateway.system.GatewayMetrics;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.JsonProblems;
import ru.noko.gateway.system.LimitSettings;
import ru.noko.gateway.system.RequestBodies;

/**
 * {@code POST /api/v1/responses}: read the body (up to the limit), bind it, and let {@link ResponseIntake} check it,
 * send it to Kafka and wait for the acknowledgement; answer 202 with the response id once the broker has it — never
 * before. Runs on the server's event loop: nothing here blocks, the acknowledgement completes the answer.
 */
@Component
class SubmissionHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ObjectMapper json;
    private final ResponseIntake intake;
    private final ApiErrorWriter errors;
    private final GatewayMetrics metrics;
    private final AddressRateLimit rateLimit;
    private final Clock clock;
    private final long maxBody;
    private final SameOrigin sameOrigin;

    SubmissionHandler(
            ObjectMapper json,
            ResponseIntake intake,
            ApiErrorWriter errors,
            GatewayMetrics metrics,
            AddressRateLimit rateLimit,
            LimitSettings limits,
            Clock clock,
            SameOrigin sameOrigin) {
        this.sameOrigin = sameOrigin;
        this.json = json;
        this.intake = intake;
        this.errors = errors;
        this.metrics = metrics;
        this.rateLimit = rateLimit;
        this.clock = clock;
        this.maxBody = limits.maxBody().toBytes();
    }

    Mono<ServerResponse> submit(ServerRequest request) {
        long started = System.nanoTime();
        Instant receivedAt = clock.instant();
        Optional<String> foreign = sameOrigin.foreign(request);
        if (foreign.isPresent()) {
            metrics.refused("foreign-origin");
            return errors.foreignOrigin(foreign.get());
        }
        if (!rateLimit.allows(ClientAddress.of(request))) {
            metrics.unavailable("rate-limit");
            return errors.tooMany(rateLimit.retryAfterSeconds());
        }
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            metrics.refused("media-type");
            return errors.unsupportedMediaType();
        }
        if (request.headers().contentLength().orElse(-1) > maxBody) {
            metrics.refused("max-size");
            return errors.tooLarge(maxBody);
        }
        return RequestBodies.read(request, maxBody)
                .flatMap(body -> accept(body, request, receivedAt))
                .onErrorResume(DataBufferLimitException.class, e -> {
                    metrics.refused("max-size");
                    return errors.tooLarge(maxBody);
                })
                .doOnNext(response -> metrics.answered(response.statusCode().value(), System.nanoTime() - started));
    }

    private Mono<ServerResponse> accept(byte[] body, ServerRequest request, Instant receivedAt) {
        SubmittedResponse submitted;
        try {
            submitted = body.length == 0 ? null : json.readValue(body, SubmittedResponse.class);
        } catch (IOException e) {
            InvalidField problem = JsonProblems.describe(e);
            metrics.refused(problem.rule());
            return errors.unreadable(problem);
        }
        if (submitted == null) {
            metrics.refused("required");
            return errors.unreadable(JsonProblems.required());
        }
        return intake.take(submitted, request.headers().firstHeader(IDEMPOTENCY_KEY), request, receivedAt)
                .flatMap(this::answer);
    }

    private Mono<ServerResponse> answer(Intake intake) {
        if (intake instanceof Intake.Stored stored) {
            // A receipt is a fixed shape: written as text, without an encoder lookup.
            return ServerResponse.accepted()
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"responseId\":\"" + stored.responseId() + "\"}");
        }
        if (intake instanceof Intake.Invalid invalid) {
            return errors.invalid(invalid.problems());
        }
        if (intake instanceof Intake.Forbidden forbidden) {
            return errors.forbidden(forbidden.problem());
        }
        if (intake instanceof Intake.AnsweredBefore answered) {
            return errors.answer(errors.problem(
                    HttpStatus.CONFLICT,
                    "answered-before",
                    "С этого адреса уже есть ответ",
                    "С этого адреса электронной почты уже отправлен ответ для этой организации и роли. Ответ записан под "
                            + "номером " + answered.responseId() + ", но не будет учтён.",
                    List.of(new InvalidField(
                            "email", "one-per-email", "Один ответ с одного адреса для организации и роли"))));
        }
        if (intake instanceof Intake.Conflict conflict) {
            return errors.conflict("Ответ с этим ключом повторной отправки уже принят с другим содержанием (номер "
                    + conflict.earlierResponseId() + "). Для нового ответа нужен новый ключ.");
        }
        Intake.Unavailable unavailable = (Intake.Unavailable) intake;
        return errors.unavailable(unavailable.why(), unavailable.retryAfterSeconds());
    }
}
