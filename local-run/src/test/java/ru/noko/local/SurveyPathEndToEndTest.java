package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
import ru.noko.devstack.process.ChildProcess;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * One response's real path, a thousand times: HTTP → gateway (child JVM) → Kafka (child JVM) → Flink (MiniCluster)
 * → ClickHouse (child process). Every 202 must end up as exactly one row, and nothing else may appear.
 */
class SurveyPathEndToEndTest {

    private static final int RESPONSES = 1000;
    private static final int CLIENTS = 16;
    private static final String CAMPAIGN = "WHERE campaign_id = 'e2e-2026'";
    private static LocalSystem system;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        Path gatewayJar = Path.of(System.getProperty("noko.gatewayJar", "missing"));
        LocalSettings settings = new LocalSettings(DevStack.scratch("e2e"), gatewayJar, ChildProcess.freePort(),
                ChildProcess.freePort(), ChildProcess.freePort(), ChildProcess.freePort(), ChildProcess.freePort(),
                "noko_e2e", LocalSettings.TOPIC, 4, "e2e-key-0123456789-0123456789-0123456789");
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

        ClickHouseTarget target = system.clickHouseTarget();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (count(target, "SELECT count() FROM survey_responses " + CAMPAIGN) < RESPONSES
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }

        List<String> stored = strings(target, "SELECT response_id FROM survey_responses " + CAMPAIGN);
        assertThat(stored).as("none missing, none twice, nothing else").hasSize(RESPONSES).doesNotHaveDuplicates();
        assertThat(Set.copyOf(stored)).isEqualTo(accepted);
        assertThat(count(target, "SELECT count() FROM survey_responses FINAL " + CAMPAIGN)).isEqualTo(RESPONSES);
        assertThat(count(target, "SELECT count() FROM survey_responses WHERE organization_id = 'org-7'")).isEqualTo(RESPONSES / 20);
        assertThat(count(target, "SELECT count() FROM survey_responses WHERE email_hmac = '' OR email_hmac LIKE '%@%'"))
                .as("e-mails are stored only as HMACs").isZero();
        assertThat(count(target, "SELECT count() FROM undecodable_records")).isZero();
    }

    @Test
    void theReadmeCurlExampleIsAccepted() throws Exception {
        Path readme = Path.of(System.getProperty("noko.projectRoot", ".."), "README.md");
        String body = readmeExampleBody(Files.readString(readme));

        HttpResponse<String> answer = http.send(request(body), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String responseId = json.readTree(answer.body()).get("responseId").asText();

        String query = readmeExampleQuery(Files.readString(readme));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<String> found = strings(system.clickHouseTarget(), query);
        while (!found.contains(responseId) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            found = strings(system.clickHouseTarget(), query);
        }
        assertThat(found).as("the README's query finds the README's response").contains(responseId);
    }

    private String post(int n) throws Exception {
        String body = """
                {"campaignId": "e2e-2026", "organizationId": "org-%d", "respondentRole": "%s",
                 "answers": {"q1": true, "q2": %d, "q3": "opt-b", "q4": ["a", "c"]},
                 "startedAt": "2026-02-01T10:00:00Z", "submittedAt": "2026-02-01T10:%02d:%02dZ",
                 "deviceToken": "device-%06d-abcdef", "email": "parent%d@example.ru"}
                """.formatted(n % 20, n % 2 == 0 ? "parent" : "student", n % 5 + 1, 6 + n / 60 % 50, n % 60, n, n);
        HttpResponse<String> answer = http.send(request(body), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return json.readTree(answer.body()).get("responseId").asText();
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(system.gatewayUri().resolve("/api/v1/responses"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The JSON between the single quotes of the README's {@code curl ... -d '...'} example. */
    static String readmeExampleBody(String readme) {
        int curl = readme.indexOf("curl -s -X POST");
        assertThat(curl).as("README has the curl example").isNotNegative();
        int start = readme.indexOf("-d '", curl) + 4;
        return readme.substring(start, readme.indexOf("'", start));
    }

    /** The SQL of the README's {@code clickhouse-client ... -q "..."} example. */
    static String readmeExampleQuery(String readme) {
        int client = readme.indexOf("clickhouse-client --port");
        assertThat(client).as("README has the clickhouse-client example").isNotNegative();
        int start = readme.indexOf("-q \"", client) + 4;
        return readme.substring(start, readme.indexOf("\"", start));
    }

    private static long count(ClickHouseTarget target, String sql) throws Exception {
        return Long.parseLong(strings(target, sql).get(0));
    }

    private static List<String> strings(ClickHouseTarget target, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
