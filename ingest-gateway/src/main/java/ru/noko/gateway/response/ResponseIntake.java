package ru.noko.gateway.response;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import ru.noko.gateway.response.Resubmissions.Submission;
import ru.noko.gateway.system.BrokerUnavailableException;
import ru.noko.gateway.system.GatewayMetrics;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.KafkaSettings;
import ru.noko.gateway.system.LimitSettings;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * Takes in one bound submission, whichever route it came by (the JSON API or the survey page's form): checks every
 * rule, settles a resubmission under a known idempotency key, sends the record to Kafka and completes once the broker
 * acknowledged it. One path, so a form and a JSON body are judged, keyed and stored alike. Nothing here blocks.
 */
@Component
public class ResponseIntake {

    private final SubmissionRules rules;
    private final SurveyResponseFactory factory;
    private final ResponsePublisher publisher;
    private final Resubmissions resubmissions;
    private final GatewayMetrics metrics;
    private final InFlight inFlight;
    private final long retryAfterSeconds;

    ResponseIntake(SubmissionRules rules, SurveyResponseFactory factory, ResponsePublisher publisher,
            Resubmissions resubmissions, GatewayMetrics metrics, LimitSettings limits, KafkaSettings kafka) {
        this.rules = rules;
        this.factory = factory;
        this.publisher = publisher;
        this.resubmissions = resubmissions;
        this.metrics = metrics;
        this.retryAfterSeconds = Math.max(1, kafka.retryAfter().toSeconds());
        this.inFlight = new InFlight(limits.maxInFlight());
        metrics.watchInFlight(inFlight::count);
    }

    /** @param key the client's idempotency key, or null */
    public Mono<Intake> take(SubmittedResponse submitted, String key, ServerRequest request, Instant receivedAt) {
        return take(submitted, key, request, receivedAt, submitted);
    }

    /**
     * A submission whose {@code submittedAt} is the server's time of receipt, as a form's is (a page without
     * JavaScript has no clock): the time is left out of what makes two posts under one key the same submission, so a
     * repeated post gets the first one's receipt on any instance. The record keeps the first post's time.
     */
    public Mono<Intake> takeTimedByServer(SubmittedResponse submitted, String key, ServerRequest request,
            Instant receivedAt) {
        SubmittedResponse untimed = new SubmittedResponse(submitted.campaignId(), submitted.organizationId(),
                submitted.respondentRole(), submitted.answers(), submitted.startedAt(), null, submitted.deviceToken(),
                submitted.email());
        return take(submitted, key, request, receivedAt, untimed);
    }

    /** @param sameness what is fingerprinted: the content that makes a resubmission the same submission */
    private Mono<Intake> take(SubmittedResponse submitted, String key, ServerRequest request, Instant receivedAt,
            SubmittedResponse sameness) {
        List<InvalidField> problems = rules.problems(submitted, receivedAt);
        if (key != null && !Resubmissions.KEY.matcher(key).matches()) {
            problems = new ArrayList<>(problems);
            problems.add(new InvalidField(SubmissionHandler.IDEMPOTENCY_KEY, "format",
                    "Ключ повторной отправки: от 1 до 128 латинских букв, цифр и знаков '-', '_', '.', ':'"));
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> metrics.refused(problem.rule()));
            return Mono.just(new Intake.Invalid(problems));
        }
        String address = request.remoteAddress().map(ResponseIntake::host).orElse("");
        String userAgent = request.headers().firstHeader(HttpHeaders.USER_AGENT);
        if (key == null) {
            SurveyResponse response = factory.create(submitted, ResponseIds.fresh(receivedAt.toEpochMilli()), null,
                    address, userAgent, receivedAt);
            return store(response, new CompletableFuture<>(), request);
        }
        String fingerprint = resubmissions.fingerprint(sameness);
        String responseId = ResponseIds.resubmittable(submitted.campaignId(), key, fingerprint);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        Submission earlier = resubmissions.claim(submitted.campaignId(), key,
                new Submission(fingerprint, responseId, stored));
        if (earlier == null) {
            return store(factory.create(submitted, responseId, key, address, userAgent, receivedAt), stored, request);
        }
        if (!earlier.fingerprint().equals(fingerprint)) {
            metrics.refused("idempotency-conflict");
            return Mono.just(new Intake.Conflict(earlier.responseId()));
        }
        metrics.resubmitted();
        return stored(earlier.stored(), earlier.responseId());
    }

    /** Sends the record when there is room in flight, completing {@code stored} with the broker's answer. */
    private Mono<Intake> store(SurveyResponse response, CompletableFuture<Void> stored, ServerRequest request) {
        if (!inFlight.tryEnter()) {
            metrics.unavailable("in-flight-full");
            stored.completeExceptionally(new BrokerUnavailableException("too many responses waiting for Kafka", null));
            return Mono.just(new Intake.Unavailable("Слишком много ответов ждут записи.", retryAfterSeconds));
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
        return stored(stored, response.getResponseId()).doOnCancel(() -> stored.whenComplete((ok, error) -> {
            // The client left before its answer (a dropped connection): stored all the same, and counted, so the
            // records on the topic can be reconciled with the answers given.
            if (error == null) {
                metrics.unanswered();
            }
        }));
    }

    private Mono<Intake> stored(CompletableFuture<Void> stored, String responseId) {
        return Mono.fromFuture(stored, true)
                .then(Mono.<Intake>just(new Intake.Stored(responseId)))
                .onErrorResume(BrokerUnavailableException.class, e -> {
                    metrics.unavailable("kafka");
                    return Mono.just(new Intake.Unavailable("Хранилище ответов не подтвердило запись.", retryAfterSeconds));
                });
    }

    /** The thread that serves the request's connection, or a direct call where there is none (a mock server). */
    private static Executor eventLoop(ServerRequest request) {
        Object connection = ServerHttpRequestDecorator.getNativeRequest(request.exchange().getRequest());
        return connection instanceof Connection netty ? netty.channel().eventLoop() : Runnable::run;
    }

    /** The client's address as text; an address Netty left unresolved has its host string. */
    public static String host(InetSocketAddress address) {
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
