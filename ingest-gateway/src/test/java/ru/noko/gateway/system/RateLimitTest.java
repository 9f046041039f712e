package ru.noko.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The optional rate limit per address, switched on: its burst goes through, the next gets 429 with Retry-After. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
        "noko.kafka.bootstrap-servers=127.0.0.1:1",
        "noko.rate-limit.per-minute=6",
        "noko.rate-limit.burst=3"})
class RateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void beyondItsBurstAnAddressGets429WithRetryAfter() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        for (int i = 0; i < 3; i++) {
            assertThat(post(client).returnResult(String.class).getStatus().value()).as("within the burst").isEqualTo(400);
        }

        post(client).expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "10")
                .expectBody().jsonPath("$.type").isEqualTo("urn:noko:problem:rate-limited");
    }

    private static WebTestClient.ResponseSpec post(WebTestClient client) {
        return client.post().uri("/api/v1/responses").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }
}
