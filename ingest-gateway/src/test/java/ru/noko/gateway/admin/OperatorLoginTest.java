package ru.noko.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The operator's login cannot be guessed at speed nor tell user names apart: a client is refused after ten wrong
 * logins, and a wrong user name costs what a wrong password costs (one slow hash each). Its own context, since the
 * failures it counts are per client address and every test here comes from 127.0.0.1.
 */
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
            "noko.kafka.bootstrap-servers=127.0.0.1:1",
            "logging.level.org.apache.kafka=ERROR",
            "noko.admin.password=the-operators-password",
            "noko.site.public-url=http://anketa.example.ru"
        })
class OperatorLoginTest {

    private static final String ZIP = "/admin/campaigns/demo-2026-noko/posters.zip";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void aWrongUserNameTakesAsLongAsAWrongPasswordAndAFloodOfGuessesIsRefusedUnchecked() throws Exception {
        List<Long> wrongUser = new ArrayList<>();
        List<Long> wrongPassword = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            wrongUser.add(timed("somebody", "the-operators-password", 401));
            wrongPassword.add(timed("region", "guess-" + i, 401));
        }
        assertThat(median(wrongUser))
                .as("a wrong user name computes the same hash a wrong password does")
                .isGreaterThan(median(wrongPassword) / 3);

        int refused = 0;
        int checked = 0;
        for (int i = 0; i < 200; i++) {
            int status = login("region", "guess-" + i).statusCode();
            if (status == 429) {
                refused++;
            } else if (status == 401) {
                checked++;
            }
        }

        assertThat(checked)
                .as("ten wrong logins per client in a quarter of an hour, eight were spent above")
                .isEqualTo(OperatorOnly.FAILURES_PER_CLIENT - 8);
        assertThat(refused).isEqualTo(200 - checked);
        HttpResponse<String> locked = login("region", "the-operators-password");
        assertThat(locked.statusCode())
                .as("while the client is locked out, even the right password is not checked")
                .isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValue("900");
    }

    private long timed(String user, String password, int expected) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = login(user, password);
        long took = System.nanoTime() - started;
        assertThat(answer.statusCode()).isEqualTo(expected);
        return took;
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ZIP))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
