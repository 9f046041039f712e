package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/**
 * One response's real path, a thousand times: HTTP → gateway (child JVM) → Kafka (child JVM) → Flink (MiniCluster)
 * → ClickHouse (child process). Every 202 must end up as exactly one row, and nothing else may appear.
 */
class SurveyPathEndToEndTest {

    private static final int RESPONSES = 1000;
    private static final int CLIENTS = 16;
    /** Longer than the sink's flush interval and a checkpoint, so a late duplicate would have shown up. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private static final String CAMPAIGN = "WHERE campaign_id = 'demo-2026-noko' AND organization_id LIKE 'org-%'";
    private static LocalSystem system;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final QuestionnaireTokens tokens = new QuestionnaireTokens(http, system.gatewayUri());

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        LocalSettings settings = TestSettings.onFreePorts("e2e", DevStack.scratch("e2e"), 4);
        system = new LocalSystem(settings).start();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aThousandPostedResponsesAreInClickHouseExactlyOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<String>> receipts = new ArrayList<>();
        for (int i = 0; i < RESPONSES; i++) {
            int n = i;
            receipts.add(clients.submit(() -> post(n)));
        }
        Set<String> accepted = new HashSet<>();
        for (Future<String> receipt : receipts) {
            accepted.add(receipt.get());
        }
        clients.shutdown();
        assertThat(accepted).hasSize(RESPONSES);

        ClickHouseQueries clickHouse = new ClickHouseQueries(system.clickHouseTarget());
        List<String> stored = clickHouse.await(
                "SELECT response_id FROM survey_responses " + CAMPAIGN,
                rows -> rows.size() >= RESPONSES,
                Duration.ofSeconds(120));
        Thread.sleep(SETTLE.toMillis());
        stored = clickHouse.strings("SELECT response_id FROM survey_responses " + CAMPAIGN);

        assertThat(stored)
                .as("none missing, none twice, nothing else")
                .hasSize(RESPONSES)
                .doesNotHaveDuplicates();
        assertThat(Set.copyOf(stored)).isEqualTo(accepted);
        assertThat(clickHouse.count("SELECT count() FROM survey_responses FINAL " + CAMPAIGN))
                .isEqualTo(RESPONSES);
        assertThat(clickHouse.count("SELECT count() FROM survey_responses WHERE organization_id = 'org-7'"))
                .isEqualTo(RESPONSES / 20);
        assertThat(clickHouse.count(
                        "SELECT count() FROM survey_responses WHERE email_hmac = '' OR email_hmac LIKE '%@%'"))
                .as("e-mails are stored only as HMACs")
                .isZero();
        assertThat(clickHouse.count("SELECT count() FROM undecodable_records")).isZero();
    }

    private String post(int n) throws Exception {
        String body = """
                {"campaignId": "demo-2026-noko", "organizationId": "org-%d", "respondentRole": "%s",
                 "answers": {"q1": %b, "q3": true, "q4": %b, "q5": true, "q6": false, "q8": true, "q9": %b,
                             "q10": false, "q12": true, "q13": true, "q14": %b},
                 "startedAt": "2026-02-01T10:00:00Z", "submittedAt": "2026-02-01T10:%02d:%02dZ",
                 "deviceToken": "device-%06d-abcdef", "email": "parent%d@example.ru"}
                """.formatted(
                        n % 20,
                        n % 2 == 0 ? "parent" : "student",
                        false,
                        n % 3 == 0,
                        n % 4 != 0,
                        n % 5 != 0,
                        6 + n / 60 % 50,
                        n % 60,
                        n,
                        n);
        HttpResponse<String> answer = http.send(request(body), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return json.readTree(answer.body()).get("responseId").asText();
    }

    private HttpRequest request(String body) throws Exception {
        return HttpRequest.newBuilder(system.gatewayUri().resolve("/api/v1/responses"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(tokens.signed(body)))
                .build();
    }
}
