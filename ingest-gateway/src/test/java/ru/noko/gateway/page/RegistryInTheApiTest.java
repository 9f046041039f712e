package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import ru.noko.gateway.crosssite.SignedBodies;
import ru.noko.gateway.crosssite.SubmissionTokens;

/** The JSON API refuses what the survey page refuses: an organization not in the registry, a closed window. */
class RegistryInTheApiTest extends SurveyPageStack {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    SubmissionTokens tokens;

    @Test
    void anOrganizationInTheRegistryIsAccepted() throws Exception {
        assertThat(submit(CAMPAIGN, SCHOOL).statusCode()).isEqualTo(202);
    }

    @Test
    void anOrganizationNotInTheRegistryIs400NamingIt() throws Exception {
        HttpResponse<String> answer = submit(CAMPAIGN, "no-such-school");

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode problem =
                new ObjectMapper().readTree(answer.body()).get("errors").get(0);
        assertThat(problem.get("field").asText()).isEqualTo("organizationId");
        assertThat(problem.get("rule").asText()).isEqualTo("unknown-organization");
        assertThat(problem.get("message").asText()).isEqualTo("Организации «no-such-school» нет в реестре опроса");
    }

    @Test
    void outsideTheOrganizationsWindowIs400SayingWhen() throws Exception {
        JsonNode closed = new ObjectMapper()
                .readTree(submit(WINDOWED_CAMPAIGN, SCHOOL).body())
                .get("errors")
                .get(0);
        JsonNode notYet = new ObjectMapper()
                .readTree(submit(WINDOWED_CAMPAIGN, KINDERGARTEN).body())
                .get("errors")
                .get(0);

        assertThat(closed.get("rule").asText()).isEqualTo("campaign-closed");
        assertThat(closed.get("message").asText()).endsWith("проходил с 1 марта 2020 г. по 14 марта 2020 г.");
        assertThat(notYet.get("rule").asText()).isEqualTo("campaign-not-open");
    }

    private HttpResponse<String> submit(String campaign, String organization) throws Exception {
        String body = """
                {"campaignId": "%s", "organizationId": "%s", "respondentRole": "parent",
                 "answers": {"q1": false, "q3": false, "q5": true, "q6": false, "q8": true, "q9": true, "q10": false,
                             "q12": true, "q13": true, "q14": true},
                 "startedAt": "%s", "submittedAt": "%s"}
                """.formatted(campaign, organization, Instant.now().minusSeconds(300), Instant.now());
        body = SignedBodies.signed(tokens, body);
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/responses"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
