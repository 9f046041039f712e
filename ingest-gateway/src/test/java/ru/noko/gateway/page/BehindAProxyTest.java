package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind the reverse proxy (NOKO_FORWARD_HEADERS=native) a response carries the address the proxy saw, whether it came
 * by the form or by the API, and the API judges a browser's origin by the address the proxy says it was sent to.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class BehindAProxyTest extends SurveyPageStack {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void theRespondentsAddressComesFromXForwardedFor() throws Exception {
        PageClient browser = new PageClient(port);
        // PageClient's posts say X-Forwarded-For: 203.0.113.7.
        HttpResponse<String> answer =
                browser.post(PAGE, PageClient.validForm(browser.get(PAGE).body()));

        assertThat(answer.statusCode()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(storedWithId(SurveyPageTest.receiptIn(location)))
                .singleElement()
                .satisfies(
                        stored -> assertThat(stored.getClient().getIpAddress()).isEqualTo("203.0.113.7"));
    }

    @Test
    void anApiResponseCarriesTheForwardedAddressAndOrigin() throws Exception {
        PageClient client = new PageClient(port);
        String body = """
                {"campaignId": "%s", "organizationId": "%s", "respondentRole": "parent",
                 "answers": {"q1": false, "q3": false, "q5": true, "q6": false, "q8": true, "q9": true, "q10": false,
                             "q12": true, "q13": true, "q14": true},
                 "startedAt": "%s", "submittedAt": "%s", "submissionToken": "%s"}
                """.formatted(
                        CAMPAIGN,
                        SCHOOL,
                        Instant.now().minusSeconds(300),
                        Instant.now(),
                        client.apiToken(CAMPAIGN, SCHOOL, null));
        HttpResponse<String> answer = client.http()
                .send(
                        client.request("/api/v1/responses")
                                .header("Content-Type", "application/json")
                                .header("X-Forwarded-For", "198.51.100.23")
                                .header("X-Forwarded-Proto", "https")
                                .header("X-Forwarded-Host", "survey.example.org")
                                .header("Origin", "https://survey.example.org")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String responseId = JSON.readTree(answer.body()).get("responseId").asText();
        assertThat(storedWithId(responseId))
                .singleElement()
                .satisfies(
                        stored -> assertThat(stored.getClient().getIpAddress()).isEqualTo("198.51.100.23"));
    }
}
