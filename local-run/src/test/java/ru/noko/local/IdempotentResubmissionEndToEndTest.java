package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/**
 * A respondent's form sent again with its Idempotency-Key — to another gateway instance behind the load balancer, or
 * after an instance restarted — is one response: the same receipt, one row, one verdict, counted once in the live
 * figures. Another body under the key is refused with 409 by an instance that knows the key, and otherwise stored and
 * rejected by the pipeline with IDEMPOTENCY_CONFLICT, the first one kept. The whole system, two gateway instances.
 */
class IdempotentResubmissionEndToEndTest {

    private static final Duration PIPELINE = Duration.ofSeconds(120);
    /** Longer than the sink's flush interval and the figures' refresh, so a second count would have shown up. */
    private static final Duration SETTLE = Duration.ofSeconds(4);

    private static LocalSystem system;
    private static ChildProcess second;
    private static int secondPort;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startTheSystemAndASecondGateway() throws Exception {
        LocalSettings settings = TestSettings.onFreePorts("resubmission", DevStack.scratch("resubmission"), 4);
        system = new LocalSystem(settings).start();
        secondPort = ChildProcess.freePort();
        second = system.anotherGateway("gateway-2", secondPort);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.stop();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theSameFormThroughTwoInstancesAndARestartIsOneResponseCountedOnce() throws Exception {
        String body = form("resubmit-school-1", "parent-a@example.ru", "device-resubmit-a");
        String key = "form-a-7f3c9e";

        HttpResponse<String> first = post(system.gatewayUri(), key, body);
        HttpResponse<String> again = post(system.gatewayUri(), key, body);
        HttpResponse<String> elsewhere = post(secondGateway(), key, body);
        restartTheSecondGateway();
        HttpResponse<String> afterRestart = post(secondGateway(), key, body);

        String responseId = receipt(first);
        assertThat(List.of(receipt(again), receipt(elsewhere), receipt(afterRestart)))
                .containsOnly(responseId);
        assertStoredAndCountedOnce("resubmit-school-1", responseId);
    }

    @Test
    void theSameFormSentConcurrentlyToBothInstancesIsOneResponse() throws Exception {
        String body = form("resubmit-school-2", "parent-b@example.ru", "device-resubmit-b");
        String key = "form-b-0a11d4";

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(http.sendAsync(
                    request(i % 2 == 0 ? system.gatewayUri() : secondGateway(), key, body),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<String> receipts = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            receipts.add(receipt(answer.get()));
        }

        assertThat(receipts).hasSize(8).containsOnly(receipts.get(0));
        assertStoredAndCountedOnce("resubmit-school-2", receipts.get(0));
    }

    @Test
    void anotherBodyUnderTheKeyIs409WhereTheKeyIsKnownAndRejectedByThePipelineElsewhere() throws Exception {
        String key = "form-c-55e0b2";
        String original = form("resubmit-school-3", "parent-c@example.ru", "device-resubmit-c");
        String changed = original.replace("\"q14\": true", "\"q14\": false");
        String responseId = receipt(post(system.gatewayUri(), key, original));

        HttpResponse<String> conflict = post(system.gatewayUri(), key, changed);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json.readTree(conflict.body()).get("detail").asText())
                .contains("другим содержанием")
                .contains(responseId);

        // The second instance has not seen the key: it stores the other body, and the pipeline keeps the first.
        String otherId = receipt(post(secondGateway(), key, changed));
        assertThat(otherId).isNotEqualTo(responseId);
        ClickHouseQueries clickHouse = new ClickHouseQueries(system.clickHouseTarget());
        assertThat(clickHouse.await(
                        "SELECT concat(verdict, ' ', rejections) FROM response_verdicts FINAL"
                                + " WHERE response_id = '" + otherId + "'",
                        rows -> !rows.isEmpty(),
                        PIPELINE))
                .containsExactly("rejected IDEMPOTENCY_CONFLICT");
        assertThat(clickHouse.strings(
                        "SELECT verdict FROM response_verdicts FINAL WHERE response_id = '" + responseId + "'"))
                .containsExactly("accepted");
    }

    @Test
    void withoutAKeyTwoPostsAreTwoResponses() throws Exception {
        String body = form("resubmit-school-4", "parent-d@example.ru", "device-resubmit-d");

        String one = receipt(post(system.gatewayUri(), null, body));
        String two = receipt(post(system.gatewayUri(), null, body));

        assertThat(one).isNotEqualTo(two);
        ClickHouseQueries clickHouse = new ClickHouseQueries(system.clickHouseTarget());
        List<String> verdicts = clickHouse.await(
                "SELECT concat(response_id, ' ', verdict, ' ', rejections)"
                        + " FROM response_verdicts FINAL WHERE organization_id = 'resubmit-school-4'",
                rows -> rows.size() >= 2,
                PIPELINE);
        assertThat(verdicts)
                .as("the same e-mail twice: the anti-fraud checks reject the second")
                .hasSize(2)
                .anySatisfy(verdict -> assertThat(verdict).isEqualTo(one + " accepted "))
                .anySatisfy(verdict ->
                        assertThat(verdict).startsWith(two + " rejected").contains("DUPLICATE_EMAIL"));
    }

    private void assertStoredAndCountedOnce(String organization, String responseId) throws Exception {
        ClickHouseQueries clickHouse = new ClickHouseQueries(system.clickHouseTarget());
        String where = " WHERE organization_id = '" + organization + "'";
        clickHouse.await("SELECT responses FROM organization_results FINAL" + where, rows -> !rows.isEmpty(), PIPELINE);
        clickHouse.await("SELECT response_id FROM survey_responses" + where, rows -> !rows.isEmpty(), PIPELINE);
        Thread.sleep(SETTLE.toMillis());

        assertThat(clickHouse.strings("SELECT response_id FROM survey_responses FINAL" + where))
                .containsExactly(responseId);
        assertThat(clickHouse.strings("SELECT verdict FROM response_verdicts FINAL" + where))
                .containsExactly("accepted");
        assertThat(clickHouse.strings("SELECT DISTINCT toString(responses) FROM organization_results FINAL" + where))
                .as("the live figures count it once")
                .containsExactly("1");
    }

    private static void restartTheSecondGateway() {
        second.stop();
        second = system.anotherGateway("gateway-2", secondPort);
    }

    private static URI secondGateway() {
        return URI.create("http://127.0.0.1:" + secondPort);
    }

    private QuestionnaireTokens tokens;

    private synchronized QuestionnaireTokens tokens() {
        if (tokens == null) {
            tokens = new QuestionnaireTokens(http, system.gatewayUri());
        }
        return tokens;
    }

    private HttpResponse<String> post(URI gateway, String key, String body) throws Exception {
        return http.send(request(gateway, key, body), HttpResponse.BodyHandlers.ofString());
    }

    private String receipt(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return json.readTree(answer.body()).get("responseId").asText();
    }

    /** The body with the token of the first gateway's questionnaire: any instance takes it, as any checks it. */
    private HttpRequest request(URI gateway, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/api/v1/responses"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(tokens().signed(body)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.build();
    }

    /** A parent's form filled in over ten minutes and sent a moment ago. */
    private static String form(String organization, String email, String device) {
        Instant now = Instant.now();
        return """
                {"campaignId": "demo-2026-noko", "organizationId": "%s", "respondentRole": "parent",
                 "answers": {"q1": false, "q3": true, "q4": true, "q5": true, "q6": false, "q8": true, "q9": true,
                             "q10": false, "q12": true, "q13": true, "q14": true},
                 "startedAt": "%s", "submittedAt": "%s", "deviceToken": "%s", "email": "%s"}
                """.formatted(organization, now.minusSeconds(600), now.minusSeconds(1), device, email);
    }
}
