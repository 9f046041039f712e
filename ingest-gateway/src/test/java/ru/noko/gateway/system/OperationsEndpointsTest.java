package ru.noko.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What operations see: readiness DOWN while Kafka does not answer (here there is none), liveness UP regardless, and
 * the Prometheus metrics, readiness among them.
 */
@AutoConfigureObservability
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
            "noko.kafka.bootstrap-servers=127.0.0.1:1",
            // No broker on purpose: its clients' reconnect warnings, once a second, would say nothing.
            "logging.level.org.apache.kafka=ERROR"
        })
class OperationsEndpointsTest {

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void client() {
        client =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void withoutKafkaTheGatewayIsAliveButNotReady() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.components.kafka.status")
                .isEqualTo("DOWN");
    }

    @Test
    void withoutKafkaReadinessAnswersAtOnceFromWhatIsAlreadyKnown() {
        // A probe with a 1 s timeout must see DOWN: readiness never waits for Kafka. Typically a few milliseconds
        // (well under 100 ms); 500 ms allowed, measured several times, for a loaded two-core machine.
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            client.get()
                    .uri("/actuator/health/readiness")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("readiness without Kafka answered in " + millis + " ms");
            assertThat(millis).isLessThan(500);
        }
    }

    @Test
    void withoutKafkaTheReadinessGaugeSaysNotReady() throws InterruptedException {
        // The first scrape starts the Kafka check in the background; a later one reports it, once it timed out.
        long deadline = System.nanoTime() + 20_000_000_000L;
        String metrics = scrape();
        while (!metrics.contains("noko_gateway_ready 0.0") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            metrics = scrape();
        }
        assertThat(metrics).contains("noko_gateway_ready 0.0");
    }

    private String scrape() {
        return client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void metricsAreInPrometheusFormatWithRefusalsByRule() {
        client.post()
                .uri("/api/v1/responses")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isBadRequest();

        client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(containsString("noko_gateway_responses_refused_total{rule=\"required\"}"))
                .value(containsString("noko_gateway_answers_seconds_bucket{status=\"400\""))
                .value(containsString("noko_gateway_kafka_in_flight"))
                .value(containsString("noko_gateway_responses_accepted_total"))
                .value(containsString("noko_gateway_responses_unanswered_total"));
    }
}
