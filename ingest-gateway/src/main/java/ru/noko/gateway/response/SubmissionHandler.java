package ru.noko.gateway.response;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import ru.noko.gateway.crosssite.SameOrigin;
import ru.noko.gateway.system.AddressRateLimit;
import ru.noko.gateway.system.ApiErrorWriter;
import ru.noko.gateway.system.ApiProblem;
import ru.noko.gateway.system.ClientAddress;
import ru.noko.gateway.system.GatewayMetrics;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.JsonProblems;
import ru.noko.gateway.system.LimitSettings;
import ru.noko.gateway.system.Origins;
import ru.noko.gateway.system.SecurityHeaders;

/**
 * {@code POST /api/v1/responses}: read the body (up to the limit), bind it, and let {@link ResponseIntake} check it,
 * send it to Kafka and wait for the acknowledgement; answer 202 with the response id once the broker has it — never
 * before. Served by Reactor Netty directly ({@link SubmissionRoute}), not through WebFlux's dispatch, filters and
 * response writers, which cost the event loop as much as the submission's own work; so this class does itself what
 * they did for it: the security headers, the API's problem answers, and a 500 without a trace for the unexpected.
 * Runs on the server's event loop: nothing here blocks, the acknowledgement completes the answer.
 */
@Component
class SubmissionHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionHandler.class);
    private static final String RECEIPT_TYPE = MediaType.APPLICATION_JSON_VALUE;
    private static final String PROBLEM_TYPE = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

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

    Mono<Void> submit(HttpServerRequest request, HttpServerResponse response) {
        long started = System.nanoTime();
        Instant receivedAt = clock.instant();
        // Deferred, so a failure while checking the headers is answered as any other unexpected one.
        return Mono.defer(() -> answer(request, receivedAt))
                .onErrorResume(error -> {
                    LOG.error("Unexpected error", error);
                    return Mono.just(problem(errors.internalError()));
                })
                .flatMap(answer -> {
                    metrics.answered(answer.status(), System.nanoTime() - started);
                    return write(answer, response);
                });
    }

    private Mono<Answer> answer(HttpServerRequest request, Instant receivedAt) {
        HttpHeaders headers = request.requestHeaders();
        Optional<String> foreign = sameOrigin.foreign(
                headers.get(HttpHeaderNames.ORIGIN),
                headers.get(HttpHeaderNames.REFERER),
                () -> Origins.of(request.scheme(), request.hostName(), request.hostPort()));
        if (foreign.isPresent()) {
            metrics.refused("foreign-origin");
            return Mono.just(problem(errors.foreignOrigin(foreign.get())));
        }
        Submitter client = submitter(request);
        if (!rateLimit.allows(client.address())) {
            metrics.unavailable("rate-limit");
            return Mono.just(problem(errors.tooMany(rateLimit.retryAfterSeconds())));
        }
        if (!json(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
            metrics.refused("media-type");
            return Mono.just(problem(errors.unsupportedMediaType()));
        }
        if (contentLength(headers) > maxBody) {
            metrics.refused("max-size");
            return Mono.just(problem(errors.tooLarge(maxBody)));
        }
        return body(request)
                .flatMap(body -> accept(body, headers.get(IDEMPOTENCY_KEY), client, receivedAt))
                .onErrorResume(TooLarge.class, e -> {
                    metrics.refused("max-size");
                    return Mono.just(problem(errors.tooLarge(maxBody)));
                });
    }

    private Mono<Answer> accept(byte[] body, String key, Submitter client, Instant receivedAt) {
        SubmittedResponse submitted;
        try {
            submitted = body.length == 0 ? null : json.readValue(body, SubmittedResponse.class);
        } catch (IOException e) {
            InvalidField problem = JsonProblems.describe(e);
            metrics.refused(problem.rule());
            return Mono.just(problem(errors.unreadable(problem)));
        }
        if (submitted == null) {
            metrics.refused("required");
            return Mono.just(problem(errors.unreadable(JsonProblems.required())));
        }
        return intake.take(submitted, key, client, receivedAt).map(this::answer);
    }

    private Answer answer(Intake intake) {
        if (intake instanceof Intake.Stored stored) {
            // A receipt is a fixed shape: written as text, without an encoder.
            return new Answer(
                    HttpStatus.ACCEPTED.value(),
                    RECEIPT_TYPE,
                    ("{\"responseId\":\"" + stored.responseId() + "\"}").getBytes(StandardCharsets.UTF_8),
                    0);
        }
        if (intake instanceof Intake.Invalid invalid) {
            return problem(errors.invalid(invalid.problems()));
        }
        if (intake instanceof Intake.Forbidden forbidden) {
            return problem(errors.forbidden(forbidden.problem()));
        }
        if (intake instanceof Intake.AnsweredBefore answered) {
            return problem(new ApiProblem(errors.problem(
                    HttpStatus.CONFLICT,
                    "answered-before",
                    "С этого адреса уже есть ответ",
                    "С этого адреса электронной почты уже отправлен ответ для этой организации и роли. Ответ записан под "
                            + "номером " + answered.responseId() + ", но не будет учтён.",
                    List.of(new InvalidField(
                            "email", "one-per-email", "Один ответ с одного адреса для организации и роли")))));
        }
        if (intake instanceof Intake.Conflict conflict) {
            return problem(
                    errors.conflict("Ответ с этим ключом повторной отправки уже принят с другим содержанием (номер "
                            + conflict.earlierResponseId() + "). Для нового ответа нужен новый ключ."));
        }
        Intake.Unavailable unavailable = (Intake.Unavailable) intake;
        return problem(errors.unavailable(unavailable.why(), unavailable.retryAfterSeconds()));
    }

    private Answer problem(ApiProblem problem) {
        try {
            return new Answer(
                    problem.status(),
                    PROBLEM_TYPE,
                    json.writeValueAsBytes(problem.detail()),
                    problem.retryAfterSeconds());
        } catch (IOException e) {
            throw new IllegalStateException("a problem that does not serialize: " + problem.detail(), e);
        }
    }

    private static Mono<Void> write(Answer answer, HttpServerResponse response) {
        HttpHeaders headers = response.responseHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, answer.type());
        if (answer.retryAfterSeconds() > 0) {
            headers.set(HttpHeaderNames.RETRY_AFTER, answer.retryAfterSeconds());
        }
        SecurityHeaders.setOnApiAnswer(headers::set);
        // One buffer as a Mono: Reactor Netty sends it as a full response with its Content-Length.
        return response.status(HttpResponseStatus.valueOf(answer.status()))
                .sendByteArray(Mono.just(answer.body()))
                .then();
    }

    /**
     * The body, empty when there is none (the reduction starts from an empty one); fails with {@link TooLarge} once
     * more than the limit arrived (a chunked body is counted while it is read), so nothing larger is held in memory.
     */
    private Mono<byte[]> body(HttpServerRequest request) {
        return request.receive()
                .reduceWith(ByteArrayOutputStream::new, (body, chunk) -> append(body, chunk))
                .map(ByteArrayOutputStream::toByteArray);
    }

    private ByteArrayOutputStream append(ByteArrayOutputStream body, ByteBuf chunk) {
        int length = chunk.readableBytes();
        if (body.size() + (long) length > maxBody) {
            throw new TooLarge();
        }
        // Copied now: Reactor Netty releases the chunk once this returns.
        byte[] bytes = new byte[length];
        chunk.getBytes(chunk.readerIndex(), bytes);
        body.write(bytes, 0, length);
        return body;
    }

    private static Submitter submitter(HttpServerRequest request) {
        // With NOKO_FORWARD_HEADERS=native the server reads the proxy's X-Forwarded-For into the remote address.
        InetSocketAddress remote = request.remoteAddress();
        return new Submitter(
                remote == null ? "" : ClientAddress.host(remote),
                request.requestHeaders().get(HttpHeaderNames.USER_AGENT),
                request instanceof Connection connection ? connection.channel().eventLoop() : Runnable::run);
    }

    /** Whether the declared type is JSON ({@code application/json}, or any {@code +json} with its parameters). */
    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static long contentLength(HttpHeaders headers) {
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // Netty's decoder refuses a malformed length before the request gets here
        }
    }

    /** An answer as written: status, content type, body and, for 429 and 503, Retry-After seconds (else 0). */
    private record Answer(int status, String type, byte[] body, long retryAfterSeconds) {}

    /** The body grew past the limit while it was read. */
    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body over the limit", null, false, false);
        }
    }
}
