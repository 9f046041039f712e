package ru.noko.gateway.response;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import ru.noko.gateway.response.Resubmissions.Submission;
import ru.noko.gateway.system.AddressRateLimit;
import ru.noko.gateway.system.ApiErrorWriter;
import ru.noko.gateway.system.BrokerUnavailableException;
import ru.noko.gateway.system.GatewayMetrics;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.JsonProblems;
import ru.noko.gateway.system.KafkaSettings;
import ru.noko.gateway.system.LimitSettings;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * {@code POST /api/v1/responses}: read the body (up to the limit), bind it, check it, turn it into the Avro record,
 * send it to Kafka and answer 202 with the response id once the broker acknowledged it — never before. Runs on the
 * server's event loop: nothing here blocks, the acknowledgement completes the answer.
 */
@Component
class SubmissionHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final byte[] EMPTY = new byte[0];

    private final ObjectMapper json;
    private final SubmissionRules rules;
    private final SurveyResponseFactory factory;
    private final ResponsePublisher publisher;
    private final Resubmissions resubmissions;
    private final InFlight inFlight;
    private final ApiErrorWriter errors;
    private final GatewayMetrics metrics;
    private final AddressRateLimit rateLimit;
    private final Clock clock;
    private final long maxBody;
    private final long retryAfterSeconds;

    SubmissionHandler(ObjectMapper json, SubmissionRules rules, SurveyResponseFactory factory,
            ResponsePublisher publisher, Resubmissions resubmissions, ApiErrorWriter errors, GatewayMetrics metrics,
            AddressRateLimit rateLimit, LimitSettings limits, KafkaSettings kafka, Clock clock) {
        this.json = json;
        this.rules = rules;
        this.factory = factory;
        this.publisher = publisher;
        this.resubmissions = resubmissions;
        this.errors = errors;
        this.metrics = metrics;
        this.rateLimit = rateLimit;
        this.clock = clock;
        this.maxBody = limits.maxBody().toBytes();
        this.retryAfterSeconds = Math.max(1, kafka.retryAfter().toSeconds());
        this.inFlight = new InFlight(limits.maxInFlight());
        metrics.watchInFlight(inFlight::count);
    }

    Mono<ServerResponse> submit(ServerRequest request) {
        long started = System.nanoTime();
        Instant receivedAt = clock.instant();
        if (!rateLimit.allows(request.remoteAddress().map(SubmissionHandler::host).orElse(""))) {
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
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), Math.toIntExact(maxBody))
                .map(SubmissionHandler::bytes)
                .defaultIfEmpty(EMPTY)
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
        List<InvalidField> problems = rules.problems(submitted, receivedAt);
        String key = request.headers().firstHeader(IDEMPOTENCY_KEY);
        if (key != null && !Resubmissions.KEY.matcher(key).matches()) {
            problems = new java.util.ArrayList<>(problems);
            problems.add(new InvalidField(IDEMPOTENCY_KEY, "format",
                    "Ключ повторной отправки: от 1 до 128 латинских букв, цифр и знаков '-', '_', '.', ':'"));
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> metrics.refused(problem.rule()));
            return errors.invalid(problems);
        }
        String address = request.remoteAddress().map(SubmissionHandler::host).orElse("");
        String userAgent = request.headers().firstHeader(HttpHeaders.USER_AGENT);
        if (key == null) {
            SurveyResponse response = factory.create(submitted, ResponseIds.fresh(receivedAt.toEpochMilli()), null,
                    address, userAgent, receivedAt);
            return store(response, new CompletableFuture<>(), request);
        }
        String fingerprint = resubmissions.fingerprint(submitted);
        String responseId = ResponseIds.resubmittable(submitted.campaignId(), key, fingerprint);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        Submission earlier = resubmissions.claim(submitted.campaignId(), key, new Submission(fingerprint, responseId, stored));
        if (earlier == null) {
            return store(factory.create(submitted, responseId, key, address, userAgent, receivedAt), stored, request);
        }
        if (!earlier.fingerprint().equals(fingerprint)) {
            metrics.refused("idempotency-conflict");
            return errors.conflict("Ответ с этим ключом повторной отправки уже принят с другим содержанием (номер "
                    + earlier.responseId() + "). Для нового ответа нужен новый ключ.");
        }
        metrics.resubmitted();
        return answer(earlier.stored(), earlier.responseId());
    }

    /** Sends the record when there is room in flight, completing {@code stored} with the broker's answer. */
    private Mono<ServerResponse> store(SurveyResponse response, CompletableFuture<Void> stored, ServerRequest request) {
        if (!inFlight.tryEnter()) {
            metrics.unavailable("in-flight-full");
            stored.completeExceptionally(new BrokerUnavailableException("too many responses waiting for Kafka", null));
            return errors.unavailable("Слишком много ответов ждут записи.", retryAfterSeconds);
        }
        Executor eventLoop = eventLoop(request);
        publisher.publish(response).whenComplete((ok, error) -> {
            inFlight.leave();
            // The answer is written by the connection's own event loop, not by Kafka's single network thread, which
            // would otherwise render every receipt itself.
            eventLoop.execute(() -> {
                if (error == null) {
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(error);
                }
            });
        });
        return answer(stored, response.getResponseId()).doOnCancel(() -> stored.whenComplete((ok, error) -> {
            // The client left before its answer (a dropped connection): stored all the same, and counted, so the
            // records on the topic can be reconciled with the answers given.
            if (error == null) {
                metrics.unanswered();
            }
        }));
    }

    private Mono<ServerResponse> answer(CompletableFuture<Void> stored, String responseId) {
        // A receipt is a fixed shape: written as text, without an encoder lookup.
        String receipt = "{\"responseId\":\"" + responseId + "\"}";
        return Mono.fromFuture(stored, true)
                .then(ServerResponse.accepted().contentType(MediaType.APPLICATION_JSON).bodyValue(receipt))
                .onErrorResume(BrokerUnavailableException.class, e -> {
                    metrics.unavailable("kafka");
                    return errors.unavailable("Хранилище ответов не подтвердило запись.", retryAfterSeconds);
                });
    }

    /** The thread that serves the request's connection, or a direct call where there is none (a mock server). */
    private static Executor eventLoop(ServerRequest request) {
        Object connection = ServerHttpRequestDecorator.getNativeRequest(request.exchange().getRequest());
        return connection instanceof Connection netty ? netty.channel().eventLoop() : Runnable::run;
    }

    /** The client's address as text; an address Netty left unresolved has its host string. */
    private static String host(InetSocketAddress address) {
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
