package ru.noko.gateway.response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import ru.noko.gateway.campaign.LiveCampaigns;
import ru.noko.gateway.crosssite.SubmissionTokens;
import ru.noko.gateway.response.Resubmissions.Submission;
import ru.noko.gateway.system.BrokerUnavailableException;
import ru.noko.gateway.system.GatewayMetrics;
import ru.noko.gateway.system.InvalidField;
import ru.noko.gateway.system.KafkaSettings;
import ru.noko.gateway.system.LimitSettings;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.privacy.Pseudonymizer;

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
    private final LiveCampaigns campaigns;
    private final FirstAnswers answeredAddresses;
    private final Pseudonymizer pseudonymizer;
    private final SubmissionTokens tokens;

    /** The field a submission's token is in, in the API's words. */
    public static final String SUBMISSION_TOKEN = "submissionToken";

    ResponseIntake(
            SubmissionRules rules,
            SurveyResponseFactory factory,
            ResponsePublisher publisher,
            Resubmissions resubmissions,
            GatewayMetrics metrics,
            LimitSettings limits,
            KafkaSettings kafka,
            LiveCampaigns campaigns,
            FirstAnswers answeredAddresses,
            Pseudonymizer pseudonymizer,
            SubmissionTokens tokens) {
        this.tokens = tokens;
        this.campaigns = campaigns;
        this.answeredAddresses = answeredAddresses;
        this.pseudonymizer = pseudonymizer;
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
    public Mono<Intake> take(SubmittedResponse submitted, String key, Submitter client, Instant receivedAt) {
        return take(submitted, key, client, receivedAt, submitted);
    }

    /**
     * A submission whose {@code submittedAt} is the server's time of receipt, as a form's is (a page without
     * JavaScript has no clock): the time is left out of what makes two posts under one key the same submission, so a
     * repeated post gets the first one's receipt on any instance. The record keeps the first post's time.
     */
    public Mono<Intake> takeTimedByServer(
            SubmittedResponse submitted, String key, Submitter client, Instant receivedAt) {
        SubmittedResponse untimed = new SubmittedResponse(
                submitted.campaignId(),
                submitted.organizationId(),
                submitted.respondentRole(),
                submitted.answers(),
                submitted.startedAt(),
                null,
                submitted.deviceToken(),
                submitted.email(),
                submitted.emailProof(),
                submitted.submissionToken());
        return take(submitted, key, client, receivedAt, untimed);
    }

    /** @param sameness what is fingerprinted: the content that makes a resubmission the same submission */
    private Mono<Intake> take(
            SubmittedResponse submitted, String key, Submitter client, Instant receivedAt, SubmittedResponse sameness) {
        List<InvalidField> problems = rules.problems(submitted, receivedAt);
        if (key != null && !Resubmissions.KEY.matcher(key).matches()) {
            problems = new ArrayList<>(problems);
            problems.add(new InvalidField(
                    SubmissionHandler.IDEMPOTENCY_KEY,
                    "format",
                    "Ключ повторной отправки: от 1 до 128 латинских букв, цифр и знаков '-', '_', '.', ':'"));
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> metrics.refused(problem.rule()));
            return Mono.just(new Intake.Invalid(problems));
        }
        Optional<InvalidField> forbidden = tokenProblem(submitted, receivedAt);
        if (forbidden.isPresent()) {
            metrics.refused("submission-token");
            return Mono.just(new Intake.Forbidden(forbidden.get()));
        }
        String address = client.address();
        String userAgent = client.userAgent();
        if (key == null) {
            SurveyResponse response = factory.create(
                    submitted, ResponseIds.fresh(receivedAt.toEpochMilli()), null, address, userAgent, receivedAt);
            boolean firstForAddress = firstForAddress(submitted, response.getResponseId());
            return store(response, new CompletableFuture<>(), client.eventLoop())
                    .map(outcome -> firstForAddress ? outcome : answeredBefore(outcome));
        }
        String fingerprint = resubmissions.fingerprint(sameness);
        String responseId = ResponseIds.resubmittable(submitted.campaignId(), key, fingerprint);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        Submission earlier =
                resubmissions.claim(submitted.campaignId(), key, new Submission(fingerprint, responseId, stored));
        if (earlier == null) {
            boolean firstForAddress = firstForAddress(submitted, responseId);
            return store(
                            factory.create(submitted, responseId, key, address, userAgent, receivedAt),
                            stored,
                            client.eventLoop())
                    .map(outcome -> firstForAddress ? outcome : answeredBefore(outcome));
        }
        if (!earlier.fingerprint().equals(fingerprint)) {
            metrics.refused("idempotency-conflict");
            return Mono.just(new Intake.Conflict(earlier.responseId()));
        }
        metrics.resubmitted();
        return stored(earlier.stored(), earlier.responseId());
    }

    /**
     * Why the submission's token does not show that this gateway gave its questionnaire to its device, if it does
     * not: checked once the fields are right, so a mistyped campaign is told as such and not as a forgery.
     */
    private Optional<InvalidField> tokenProblem(SubmittedResponse submitted, Instant receivedAt) {
        SubmissionTokens.Check check = tokens.check(
                submitted.submissionToken(),
                submitted.campaignId(),
                submitted.organizationId(),
                submitted.deviceToken(),
                receivedAt);
        if (check instanceof SubmissionTokens.Check.Refused refused) {
            return Optional.of(new InvalidField(SUBMISSION_TOKEN, refused.rule(), refused.message()));
        }
        if (check instanceof SubmissionTokens.Check.Expired) {
            return Optional.of(new InvalidField(
                    SUBMISSION_TOKEN,
                    "expired",
                    "Анкета получена слишком давно: получите её заново и отправьте ответ"));
        }
        return Optional.empty();
    }

    /**
     * Whether no other submission answered before with this e-mail for this organization and role, as far as this
     * instance knows. Only in a campaign that confirms addresses, where the address is the respondent's key to the
     * questionnaire; elsewhere an address is a respondent's optional word, judged by the pipeline alone.
     */
    private boolean firstForAddress(SubmittedResponse submitted, String responseId) {
        if (submitted.email() == null || submitted.email().isBlank()) {
            return true;
        }
        boolean confirmed = campaigns
                .find(submitted.campaignId())
                .map(campaign -> campaign.definition().antiFraud().confirmEmail())
                .orElse(false);
        return !confirmed
                || answeredAddresses.claim(
                        submitted.campaignId(),
                        submitted.organizationId(),
                        submitted.respondentRole(),
                        pseudonymizer.email(submitted.email()),
                        responseId);
    }

    /**
     * A second response from an address is stored all the same, so the anti-fraud check rejects it with its reason
     * where analysts see it (nothing is dropped silently); the respondent is told it will not count.
     */
    private Intake answeredBefore(Intake outcome) {
        if (outcome instanceof Intake.Stored stored) {
            metrics.refused("one-per-email");
            return new Intake.AnsweredBefore(stored.responseId());
        }
        return outcome;
    }

    /** Sends the record when there is room in flight, completing {@code stored} with the broker's answer. */
    private Mono<Intake> store(SurveyResponse response, CompletableFuture<Void> stored, Executor eventLoop) {
        if (!inFlight.tryEnter()) {
            metrics.unavailable("in-flight-full");
            stored.completeExceptionally(new BrokerUnavailableException("too many responses waiting for Kafka", null));
            return Mono.just(new Intake.Unavailable("Слишком много ответов ждут записи.", retryAfterSeconds));
        }
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
        AtomicBoolean answered = new AtomicBoolean();
        return stored(stored, response.getResponseId())
                .doOnNext(outcome -> answered.set(true))
                .doOnCancel(() -> {
                    // The client left before its answer (a dropped connection): stored all the same, and counted, so
                    // the records on the topic can be reconciled with the answers given. A cancel that comes after
                    // the outcome (the connection dropped while the answer was written) is not one: that answer is
                    // counted already.
                    if (!answered.get()) {
                        stored.whenComplete((ok, error) -> {
                            if (error == null) {
                                metrics.unanswered();
                            }
                        });
                    }
                });
    }

    private Mono<Intake> stored(CompletableFuture<Void> stored, String responseId) {
        return Mono.fromFuture(stored, true)
                .then(Mono.<Intake>just(new Intake.Stored(responseId)))
                .onErrorResume(BrokerUnavailableException.class, e -> {
                    metrics.unavailable("kafka");
                    return Mono.just(new Intake.Unavailable(
                            e.knownDown()
                                    ? "Хранилище ответов сейчас недоступно."
                                    : "Хранилище ответов не подтвердило запись.",
                            retryAfterSeconds));
                });
    }
}
