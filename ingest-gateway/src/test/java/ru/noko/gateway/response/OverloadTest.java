package ru.noko.gateway.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import ru.noko.gateway.crosssite.SignedBodies;
import ru.noko.gateway.crosssite.SubmissionTokens;

/** With all places in flight taken, a response gets 503 with Retry-After at once: never a hang, never a 500. */
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
            "noko.kafka.bootstrap-servers=127.0.0.1:1",
            // No broker on purpose: its clients' reconnect warnings, once a second, would say nothing.
            "logging.level.org.apache.kafka=ERROR",
            "noko.limits.max-in-flight=2"
        })
class OverloadTest {

    @LocalServerPort
    int port;

    @Autowired
    SubmissionTokens tokens;

    @MockitoBean
    ResponsePublisher publisher;

    @Test
    void whenTheResponsesInFlightReachTheBoundTheNextIsAnswered503AtOnceAndTheWaitingOnesAreStored() throws Exception {
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        CompletableFuture<Void> slowBroker = new CompletableFuture<>();
        when(publisher.publish(any())).thenReturn(slowBroker);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiting.add(clients.submit(
                    () -> post(client).returnResult(String.class).getStatus().value()));
        }
        Thread.sleep(1000);

        long started = System.nanoTime();
        post(client)
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .value("Retry-After", matchesPattern("\\d+"))
                .expectHeader()
                .contentTypeCompatibleWith("application/problem+json")
                .expectBody()
                .jsonPath("$.detail")
                .value(matchesPattern(".*Слишком много ответов ждут записи.*"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        slowBroker.complete(null);
        for (Future<Integer> status : waiting) {
            assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(202);
        }
        clients.shutdown();
    }

    private WebTestClient.ResponseSpec post(WebTestClient client) {
        return client.post()
                .uri("/api/v1/responses")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SignedBodies.signed(tokens, Submissions.VALID))
                .exchange();
    }
}
