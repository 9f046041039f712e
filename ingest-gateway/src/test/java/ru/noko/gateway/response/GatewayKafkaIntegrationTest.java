package ru.noko.gateway.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.gateway.crosssite.SignedBodies;
import ru.noko.gateway.crosssite.SubmissionTokens;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.response.SurveyResponseCodec;

/** The gateway against a real Kafka broker: 202 means the record is on the topic; no broker means 503, not 202. */
// The broker is stopped and killed on purpose: its clients' reconnect warnings would say nothing. (A logging level
// must be set here: the logging system is set up before dynamic properties are added.)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.apache.kafka=ERROR")
@DirtiesContext
class GatewayKafkaIntegrationTest {

    private static final String TOPIC = "gateway-test.survey-responses";
    private static final KafkaBroker BROKER = KafkaBroker.onFreePorts(DevStack.scratch("gateway-kafka"));

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    SubmissionTokens tokens;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        BROKER.start();
        BROKER.createTopic(TOPIC, 3);
        registry.add("noko.kafka.bootstrap-servers", BROKER::bootstrapServers);
        registry.add("noko.kafka.responses-topic", () -> TOPIC);
        registry.add("noko.pseudonym-key", () -> "test-key-0123456789-0123456789-0123456789");
    }

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
    }

    @Test
    void acceptedResponseIsOnTheTopicKeyedByOrganization() throws Exception {
        HttpResponse<String> answer = submit(Submissions.VALID);

        assertThat(answer.statusCode()).isEqualTo(202);
        String responseId = json.readTree(answer.body()).get("responseId").asText();
        ConsumerRecord<String, byte[]> record = readAll().stream()
                .filter(r -> new SurveyResponseCodec()
                        .decode(r.value())
                        .getResponseId()
                        .equals(responseId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("response " + responseId + " is not in Kafka"));
        SurveyResponse stored = new SurveyResponseCodec().decode(record.value());
        assertThat(record.key()).isEqualTo("3808012345-school-7");
        assertThat(stored.getCampaignId()).isEqualTo("demo-2026-noko");
        assertThat(stored.getSubmittedAt()).isEqualTo(Instant.parse("2026-02-01T10:06:30Z"));
        assertThat(stored.getClient().getEmailHmac()).matches("[0-9a-f]{64}");
        assertThat(new String(record.value(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("@example.ru");
    }

    @Test
    void kafkaDownIsNotReadyAnd503AtOnceAndTheGatewayRecoversWhenTheBrokerIsBack() throws Exception {
        assertThat(submit(Submissions.VALID).statusCode()).isEqualTo(202);
        assertThat(get("/actuator/health/readiness")).isEqualTo(200);

        BROKER.stop();
        assertThat(awaitStatus("/actuator/health/readiness", 503, Duration.ofSeconds(30)))
                .as("not ready without Kafka")
                .isEqualTo(503);
        assertReadinessAnswersAtOnce(503);
        assertThat(get("/actuator/health/liveness"))
                .as("alive: a restart would not bring Kafka back")
                .isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            HttpResponse<String> whileDown = submit(Submissions.VALID);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("503 while Kafka is down answered in " + took.toMillis() + " ms");
            assertThat(whileDown.statusCode()).isEqualTo(503);
            assertThat(took)
                    // Typically tens of milliseconds; 2 s allowed for a loaded two-core machine.
                    .as("refused at once, not after the delivery timeout (10 s)")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(whileDown.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
            JsonNode problem = json.readTree(whileDown.body());
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("title").asText()).isEqualTo("Сервис временно недоступен");
            assertThat(problem.get("detail").asText()).startsWith("Хранилище ответов сейчас недоступно.");
        }

        BROKER.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        HttpResponse<String> answer = submit(Submissions.VALID);
        while (Instant.now().isBefore(deadline) && answer.statusCode() != 202) {
            assertThat(answer.statusCode()).isIn(202, 503);
            Thread.sleep(200);
            answer = submit(Submissions.VALID);
        }
        assertThat(answer.statusCode())
                .as("gateway accepts again once Kafka is back")
                .isEqualTo(202);
        assertThat(get("/actuator/health/readiness")).isEqualTo(200);
        assertReadinessAnswersAtOnce(200);
        String responseId = json.readTree(answer.body()).get("responseId").asText();
        assertThat(readAll().stream()
                        .map(r -> new SurveyResponseCodec().decode(r.value()).getResponseId())
                        .filter(responseId::equals))
                .as("the response accepted after Kafka came back is on the topic, once")
                .hasSize(1);
    }

    @Test
    void aBrokerKilledOutrightMakesTheGatewayNotReadyWithinSecondsUntilItIsBack() throws Exception {
        // Ready first: a test before this one may have stopped the broker and started it again only just now.
        assertThat(awaitStatus("/actuator/health/readiness", 200, Duration.ofSeconds(90)))
                .isEqualTo(200);

        // SIGKILL, as a crash: the broker closes nothing in order, unlike the clean stop above.
        ProcessHandle broker = BROKER.process().orElseThrow().handle();
        broker.destroyForcibly();
        broker.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        long killed = System.nanoTime();
        assertThat(awaitStatus("/actuator/health/readiness", 503, Duration.ofSeconds(30)))
                .as("not ready without Kafka")
                .isEqualTo(503);
        System.out.println("readiness DOWN "
                + Duration.ofNanos(System.nanoTime() - killed).toMillis() + " ms after the broker was killed");
        assertReadinessAnswersAtOnce(503);
        assertThat(get("/actuator/health"))
                .as("the health the local run's banner shows")
                .isEqualTo(503);

        BROKER.start();
        assertThat(awaitStatus("/actuator/health/readiness", 200, Duration.ofSeconds(90)))
                .isEqualTo(200);
    }

    /**
     * Readiness says what is already known, without asking Kafka: a probe with a 1 s timeout sees it. Typically a few
     * milliseconds (well under 100 ms); 500 ms allowed, measured several times, for a loaded two-core machine.
     */
    private void assertReadinessAnswersAtOnce(int expected) throws Exception {
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            int status = get("/actuator/health/readiness");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("readiness " + status + " answered in " + took.toMillis() + " ms");
            assertThat(status).isEqualTo(expected);
            assertThat(took).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void aResubmissionWithTheSameKeyIsOneRecordWithOneReceipt() throws Exception {
        HttpResponse<String> first = submitWithKey("form-kafka-1", Submissions.VALID);
        HttpResponse<String> again = submitWithKey("form-kafka-1", Submissions.VALID);

        String responseId = json.readTree(first.body()).get("responseId").asText();
        assertThat(json.readTree(again.body()).get("responseId").asText()).isEqualTo(responseId);
        List<SurveyResponse> stored = readAll().stream()
                .map(r -> new SurveyResponseCodec().decode(r.value()))
                .filter(r -> r.getResponseId().equals(responseId))
                .toList();
        assertThat(stored)
                .singleElement()
                .satisfies(r -> assertThat(r.getIdempotencyKey()).isEqualTo("form-kafka-1"));
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        // 1 MB: over the 64 KB limit, and small enough that the server reads the rest before it closes the connection,
        // so the client sees the answer instead of a broken pipe.
        byte[] huge = ("{\"campaignId\": \"" + "x".repeat(1024 * 1024) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/responses"))
                .header("Content-Type", "application/json")
                // No length known up front: sent chunked, so only counting while reading can stop it.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();

        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(json.readTree(answer.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asText())
                .isEqualTo("body");
    }

    /** Asks until {@code path} answers {@code expected} or the time is up; returns the last answer. */
    private int awaitStatus(String path, int expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        int status = get(path);
        while (status != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = get(path);
        }
        return status;
    }

    private int get(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private HttpResponse<String> submitWithKey(String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/responses"))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(SignedBodies.signed(tokens, body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> submit(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/responses"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(SignedBodies.signed(tokens, body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        BROKER.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "gateway-test-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (!records.isEmpty() && consumer.poll(Duration.ofMillis(500)).isEmpty()) {
                    break;
                }
            }
        }
        return records;
    }
}
