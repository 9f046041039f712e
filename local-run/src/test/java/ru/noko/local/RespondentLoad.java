package ru.noko.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Respondents sending survey responses one after another, each form with its own Idempotency-Key, as the survey
 * page does: a 503 (Kafka did not take it) is sent again with the same key after its Retry-After, and so is a send
 * whose answer never came (the gateway went away), until it is answered 202. Stopping lets every form in progress be
 * answered, so every response sent is accounted for.
 */
final class RespondentLoad implements AutoCloseable {

    /** Sooner than a respondent would press again (the 503's Retry-After is 5 s), so a test is not slower than it must be. */
    private static final Duration LONGEST_RETRY_PAUSE = Duration.ofSeconds(1);

    private static final Duration THINK = Duration.ofMillis(50);

    private final URI endpoint;
    private final String organizationPrefix;
    private final HttpClient http;
    /** Every send: when it started, how long its answer took, and what it was. */
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService respondents;
    private final List<Future<?>> running = new ArrayList<>();
    private final AtomicInteger forms = new AtomicInteger();
    /** Receipt (response id) by Idempotency-Key, once answered 202. */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    private final QuestionnaireTokens tokens;

    private RespondentLoad(URI gateway, String organizationPrefix, int respondents, SSLContext tls) {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.http = (tls == null ? client : client.sslContext(tls)).build();
        this.endpoint = gateway.resolve("/api/v1/responses");
        this.tokens = new QuestionnaireTokens(http, gateway);
        this.organizationPrefix = organizationPrefix;
        this.respondents = Executors.newFixedThreadPool(respondents);
        for (int i = 0; i < respondents; i++) {
            running.add(this.respondents.submit(this::respond));
        }
    }

    /** Starts {@code respondents} respondents sending to {@code gateway}, to organizations {@code prefix-0 … prefix-19}. */
    static RespondentLoad start(URI gateway, String organizationPrefix, int respondents) {
        return new RespondentLoad(gateway, organizationPrefix, respondents, null);
    }

    /** The same over HTTPS, trusting {@code tls}'s certificates (a proxy's own). */
    static RespondentLoad start(URI gateway, String organizationPrefix, int respondents, SSLContext tls) {
        return new RespondentLoad(gateway, organizationPrefix, respondents, tls);
    }

    /** One send and its answer: a status code, or "no answer". */
    record Attempt(Instant started, Duration took, String outcome) {

        Instant answered() {
            return started.plus(took);
        }
    }

    /** Every send so far. */
    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    int acceptedCount() {
        return accepted.size();
    }

    /** Waits until {@code more} responses beyond those accepted now are answered 202. */
    void awaitMoreAccepted(int more, Duration timeout) throws InterruptedException {
        int target = accepted.size() + more;
        Instant deadline = Instant.now().plus(timeout);
        while (accepted.size() < target) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("fewer than " + more + " more responses accepted within " + timeout
                        + "; outcomes " + outcomes + ", unexpected " + unexpected);
            }
            Thread.sleep(100);
        }
    }

    /** Stops sending new forms, waits until every form in progress is answered 202, and returns the receipts. */
    Set<String> stop(Duration timeout) throws Exception {
        stopping = true;
        for (Future<?> respondent : running) {
            respondent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        respondents.shutdown();
        return Set.copyOf(accepted.values());
    }

    /** Answers other than 202 and 503, and sends whose answer never came, counted by kind. */
    Map<String, AtomicInteger> outcomes() {
        return outcomes;
    }

    /** Answers no respondent should get whatever dies: a 4xx or 500, a 202 without a receipt. */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private Void respond() throws InterruptedException {
        while (!stopping) {
            int n = forms.incrementAndGet();
            sendUntilAccepted("form-" + n + "-" + organizationPrefix, body(n));
            Thread.sleep(THINK.toMillis());
        }
        return null;
    }

    private void sendUntilAccepted(String key, String body) throws InterruptedException {
        while (true) {
            Duration pause = LONGEST_RETRY_PAUSE;
            try {
                // The questionnaire's token first, as a client does (asked for once per organization and device).
                HttpRequest request = HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(tokens.signed(body)))
                        .build();
                Instant started = Instant.now();
                HttpResponse<String> answer;
                try {
                    answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    attempts.add(new Attempt(started, Duration.between(started, Instant.now()), "no answer"));
                    throw e;
                }
                attempts.add(new Attempt(
                        started, Duration.between(started, Instant.now()), String.valueOf(answer.statusCode())));
                count(String.valueOf(answer.statusCode()));
                if (answer.statusCode() == 202) {
                    accepted.put(
                            key, json.readTree(answer.body()).get("responseId").asText());
                    return;
                }
                if (answer.statusCode() == 502 || answer.statusCode() == 504) {
                    // The proxy's: the gateway it had sent the form to went away or froze before answering. The
                    // answer never came, as with a broken connection: the form is sent again with its key.
                    Thread.sleep(pause.toMillis());
                    continue;
                }
                if (answer.statusCode() != 503) {
                    unexpected.add(answer.statusCode() + " " + answer.body());
                    return;
                }
                pause = answer.headers().firstValueAsLong("Retry-After").stream()
                        .mapToObj(Duration::ofSeconds)
                        .filter(retryAfter -> retryAfter.compareTo(LONGEST_RETRY_PAUSE) < 0)
                        .findFirst()
                        .orElse(LONGEST_RETRY_PAUSE);
            } catch (IOException e) {
                // No answer (the gateway is away, or went away mid-request): the form may or may not be stored, and
                // sending it again with its key makes it stored once either way.
                count("no answer");
            }
            Thread.sleep(pause.toMillis());
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * The {@code n}-th form. Every seventh comes from the device and every eleventh from the e-mail of the form
     * twenty before it, to the same organization: which of the two counts depends on the order they are judged in,
     * so verdicts show whether a fault changed that order.
     */
    private String body(int n) {
        return """
                {"campaignId": "demo-2026-noko", "organizationId": "%s-%d", "respondentRole": "%s",
                 "answers": {"q1": %b, "q3": true, "q4": %b, "q5": true, "q6": false, "q8": true, "q9": %b,
                             "q10": false, "q12": true, "q13": true, "q14": %b},
                 "startedAt": "2026-02-01T10:00:00Z", "submittedAt": "2026-02-01T10:%02d:%02dZ",
                 "deviceToken": "device-%06d-%s", "email": "respondent%d-%s@example.ru"}
                """.formatted(
                        organizationPrefix,
                        n % 20,
                        n % 2 == 0 ? "parent" : "student",
                        false,
                        n % 3 == 0,
                        n % 4 != 0,
                        n % 5 != 0,
                        6 + n / 60 % 50,
                        n % 60,
                        n % 7 == 0 && n > 20 ? n - 20 : n,
                        organizationPrefix,
                        n % 11 == 0 && n > 20 ? n - 20 : n,
                        organizationPrefix);
    }

    @Override
    public void close() {
        stopping = true;
        respondents.shutdownNow();
    }
}
