package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.kafka.KafkaBroker;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.schemas.response.SurveyResponseCodec;

/**
 * SIGTERM to a gateway under load, as an orchestrator stops an instance: every request is answered (202 or 503) or
 * refused at the connection, none gets a 500 or hangs, and every response answered 202 is on the topic.
 */
class GracefulShutdownTest {

    private static final String TOPIC = "shutdown.survey-responses";
    private static final int CLIENTS = 32;
    private static final KafkaBroker BROKER = KafkaBroker.onFreePorts(DevStack.scratch("shutdown-kafka"));

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startKafka() {
        BROKER.start();
        BROKER.createTopic(TOPIC, 4);
    }

    @AfterAll
    static void stopKafka() {
        BROKER.stop();
    }

    @Test
    void aGatewayStoppedUnderLoadAnswersEveryRequestAndLosesNoAcceptedResponse() throws Exception {
        Path jar = Path.of(System.getProperty("noko.gatewayJar", "missing"));
        int port = ChildProcess.freePort();
        ChildProcess gateway = GatewayProcess.start(
                jar,
                DevStack.scratch("shutdown-gateway"),
                port,
                Map.of(
                        "NOKO_KAFKA_BOOTSTRAP",
                        BROKER.bootstrapServers(),
                        "NOKO_RESPONSES_TOPIC",
                        TOPIC,
                        "NOKO_PSEUDONYM_KEY",
                        "shutdown-key-0123456789-0123456789-0123"));
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/api/v1/responses");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger sequence = new AtomicInteger();

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                // Each client posts until the gateway no longer takes connections.
                while (true) {
                    int n = sequence.incrementAndGet();
                    try {
                        HttpResponse<String> answer =
                                http.send(request(endpoint, n), HttpResponse.BodyHandlers.ofString());
                        outcomes.computeIfAbsent(String.valueOf(answer.statusCode()), k -> new AtomicInteger())
                                .incrementAndGet();
                        if (answer.statusCode() == 202) {
                            accepted.add(json.readTree(answer.body())
                                    .get("responseId")
                                    .asText());
                        } else if (answer.statusCode() != 503) {
                            unexpected.add(answer.statusCode() + " " + answer.body());
                        }
                    } catch (HttpTimeoutException e) {
                        unexpected.add("no answer within 30 s");
                    } catch (IOException e) {
                        // Refused or closed at the connection: not accepted, and the client knows to send again.
                        outcomes.computeIfAbsent("connection", k -> new AtomicInteger())
                                .incrementAndGet();
                        if (!gateway.isAlive()) {
                            return null;
                        }
                    }
                }
            }));
        }
        Thread.sleep(3_000);
        int acceptedBeforeStop = accepted.size();
        gateway.stop();
        for (Future<?> client : running) {
            client.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(acceptedBeforeStop)
                .as("the gateway was under load when it was stopped")
                .isGreaterThan(100);
        assertThat(unexpected)
                .as("every answer is 202 or 503, in time; outcomes " + outcomes)
                .isEmpty();
        assertThat(onTheTopic()).as("every 202 is on the topic").containsAll(accepted);
    }

    private HttpRequest request(URI endpoint, int n) throws IOException, InterruptedException {
        Instant now = Instant.now();
        String body = """
                {"campaignId": "demo-2026-noko", "organizationId": "shutdown-%d", "respondentRole": "parent",
                 "answers": {"q1": false, "q3": true, "q4": true, "q5": true, "q6": false, "q8": true, "q9": true,
                             "q10": false, "q12": true, "q13": true, "q14": true},
                 "startedAt": "%s", "submittedAt": "%s", "deviceToken": "device-shutdown-%d",
                 "email": "parent%d@example.ru"}
                """.formatted(n % 50, now.minusSeconds(600), now.minusSeconds(1), n, n);
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(tokens(endpoint).signed(body)))
                .build();
    }

    private QuestionnaireTokens tokens;

    /** The questionnaires' tokens, asked for once per organization before the gateway is stopped. */
    private synchronized QuestionnaireTokens tokens(URI endpoint) {
        if (tokens == null) {
            tokens = new QuestionnaireTokens(http, endpoint.resolve("/"));
        }
        return tokens;
    }

    private static Set<String> onTheTopic() {
        SurveyResponseCodec codec = new SurveyResponseCodec();
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        BROKER.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    ids.add(codec.decode(record.value()).getResponseId().toString());
                }
            }
        }
        return ids;
    }
}
