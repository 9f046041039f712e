package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Behind the reverse proxy (NOKO_FORWARD_HEADERS=native) a form's response carries the address the proxy saw. */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class BehindAProxyTest extends SurveyPageStack {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void theRespondentsAddressComesFromXForwardedFor() throws Exception {
        String page = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PAGE))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String form = "idempotencyKey=" + hidden(page, "idempotencyKey") + "&startedAt=" + hidden(page, "startedAt")
                + "&respondentRole=parent&answers.q1=false&answers.q3=false&answers.q5=true&answers.q6=false"
                + "&answers.q8=true&answers.q9=true&answers.q10=false&answers.q12=true&answers.q13=true&answers.q14=true";

        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PAGE))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Forwarded-For", "203.0.113.7")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(storedWithId(location.substring(location.lastIndexOf('/') + 1)))
                .singleElement()
                .satisfies(
                        stored -> assertThat(stored.getClient().getIpAddress()).isEqualTo("203.0.113.7"));
    }

    private static String hidden(String html, String name) {
        Matcher matcher =
                Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
