package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.process.ChildProcess;

/**
 * The server deployment's proxy configuration (deploy/nginx/nginx.conf), as shipped, run by Debian's nginx in front of
 * a real gateway: a respondent who scans a poster's QR code reaches the page, answers it, sees the receipt; an API
 * client takes a questionnaire and posts a response; the operator downloads a poster; the actuator stays inside. Only
 * what a server has and this machine has not is changed: the gateways' container names become the test gateway's
 * address, and nginx listens on a free loopback port.
 */
class NginxInFrontTest extends SurveyPageStack {

    private static final Path SHIPPED = Path.of("../deploy/nginx/nginx.conf");

    @LocalServerPort
    int gatewayPort;

    private ChildProcess nginx;
    private int port;

    @BeforeEach
    void startTheShippedProxy() throws Exception {
        Path prefix = DevStack.scratch("nginx-in-front");
        port = ChildProcess.freePort();
        String config = Files.readString(SHIPPED)
                .replaceAll("server gateway-\\d:8080", "server 127.0.0.1:" + gatewayPort)
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
        assertThat(config).doesNotContain("gateway-1", "gateway-2", "listen 80;");
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, config);
        nginx = ChildProcess.start(
                "nginx",
                List.of(
                        "/usr/sbin/nginx",
                        "-p",
                        prefix.toString(),
                        "-c",
                        file.toString(),
                        "-e",
                        prefix.resolve("error.log").toString(),
                        "-g",
                        "daemon off; pid " + prefix.resolve("nginx.pid") + "; user " + System.getProperty("user.name")
                                + ";"),
                prefix.resolve("stdout.log"));
        nginx.awaitReady(Duration.ofSeconds(10), () -> ChildProcess.listening(port, 200));
    }

    @AfterEach
    void stopTheProxy() {
        if (nginx != null) {
            nginx.stop();
        }
    }

    @Test
    void aRespondentFromAPostersLinkAnswersThePageAndSeesTheReceipt() throws Exception {
        PageClient respondent = new PageClient(port);
        HttpResponse<String> page = respondent.get(PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(SCHOOL_NAME);
        assertThat(page.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(value -> assertThat(value).contains("max-age=31536000"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();

        HttpResponse<String> posted = respondent.post(
                PAGE, PageClient.validForm(page.body()), null, Map.of("Origin", "http://127.0.0.1:" + port));

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
        String location = posted.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> thanks = respondent.get(location);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("Ваш ответ принят", SurveyPageTest.receiptIn(location));
        assertThat(storedWithId(SurveyPageTest.receiptIn(location))).hasSize(1);
    }

    @Test
    void anApiClientTakesTheQuestionnaireAndPostsAResponse() throws Exception {
        PageClient client = new PageClient(port);
        String token = client.apiToken(CAMPAIGN, SCHOOL, null);

        HttpResponse<String> answer = client.postJson("/api/v1/responses", """
                {"campaignId": "%s", "organizationId": "%s", "respondentRole": "parent",
                 "answers": {"q1": false, "q3": false, "q5": true, "q6": false, "q8": true, "q9": true, "q10": false,
                             "q12": true, "q13": true, "q14": true},
                 "startedAt": "2026-02-01T10:00:00Z", "submittedAt": "2026-02-01T10:06:30Z", "submissionToken": "%s"}
                """.formatted(CAMPAIGN, SCHOOL, token));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    @Test
    void theOperatorDownloadsAPosterAndTheActuatorStaysInside() throws Exception {
        PageClient operator = new PageClient(port);
        HttpResponse<byte[]> poster = operator.http()
                .send(
                        operator.request("/admin/campaigns/" + CAMPAIGN + "/posters/" + SCHOOL + ".pdf")
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(("region:" + OPERATOR_PASSWORD).getBytes()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(new String(poster.body(), 0, 5)).isEqualTo("%PDF-");
        assertThat(operator.get("/actuator/health").statusCode()).isEqualTo(404);
        assertThat(operator.get("/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(new PageClient(gatewayPort).get("/actuator/health").statusCode())
                .as("the gateway itself has it, for Docker and Prometheus inside the network")
                .isEqualTo(200);
    }

    @Test
    void anotherSitesFormThroughTheProxyIsRefused() throws Exception {
        PageClient visitor = new PageClient(port);
        Map<String, List<String>> form = PageClient.validForm(visitor.get(PAGE).body());

        HttpResponse<String> answer =
                visitor.post(PAGE, form, null, Map.of("Origin", "https://popular-site.example.com"));

        assertThat(answer.statusCode()).isEqualTo(403);
    }
}
