package ru.noko.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.kafka.KafkaBroker;

/**
 * The optional rate limit per address, switched on: its burst goes through, the next gets 429 with Retry-After; an
 * organized session registered for the address lifts the limit while it runs, and only for its own address.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
            "noko.rate-limit.per-minute=6",
            "noko.rate-limit.burst=3",
            // The class's own broker stops after it, before the context closes: no reconnect warnings meanwhile.
            "logging.level.org.apache.kafka=ERROR"
        })
@DirtiesContext
class RateLimitTest {

    private static final String SESSIONS = "rate-limit-test.organized-sessions";
    private static final KafkaBroker BROKER = KafkaBroker.onFreePorts(DevStack.scratch("rate-limit-kafka"));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        BROKER.start();
        BROKER.createTopic(SESSIONS, 1);
        registry.add("noko.kafka.bootstrap-servers", BROKER::bootstrapServers);
        registry.add("noko.kafka.sessions-topic", () -> SESSIONS);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
    }

    @Test
    void beyondItsBurstAnAddressGets429UntilAnOrganizedSessionFromItStarts() throws Exception {
        WebTestClient client =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        for (int i = 0; i < 3; i++) {
            // The limit is checked before the body: "{}" within the limit is a 400, not a 429.
            assertThat(status(client)).as("within the burst").isEqualTo(400);
        }
        post(client)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("Retry-After", "10")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:noko:problem:rate-limited");

        register(
                "another-class",
                "10.1.2.3",
                Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600));
        register(
                "ended-class",
                "127.0.0.1",
                Instant.now().minusSeconds(7200),
                Instant.now().minusSeconds(3600));
        register(
                "this-class",
                "127.0.0.1",
                Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (status(client) == 429) {
            assertThat(System.nanoTime())
                    .as("the session lifts the limit within 30 s")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        for (int i = 0; i < 30; i++) {
            assertThat(status(client)).as("a class of 30 in its session").isEqualTo(400);
        }
    }

    private static int status(WebTestClient client) {
        return post(client).returnResult(String.class).getStatus().value();
    }

    private static WebTestClient.ResponseSpec post(WebTestClient client) {
        return client.post()
                .uri("/api/v1/responses")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange();
    }

    private static void register(String session, String address, Instant from, Instant to) throws Exception {
        String json = "{\"sessionId\":\"" + session + "\",\"campaignId\":\"demo-2026-noko\",\"organizationId\":\"o-1\","
                + "\"ipAddress\":\"" + address + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"participants\":30}";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(SESSIONS, session, json.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }
}
