package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.process.ChildProcess;

/**
 * The server deployment's proxy configuration (deploy/nginx/nginx.conf), as shipped, run by Debian's nginx in front of
 * a real gateway: a respondent who scans a poster's QR code reaches the page, answers it, sees the receipt; an API
 * client takes a questionnaire and posts a response; the actuator stays inside, and no portal path reaches a gateway.
 * The portal's own port forwards to a stand-in portal (a JDK HTTP server that echoes what it was sent). Only what a
 * server has and this machine has not is changed: the gateways' and the portal's container names become the test's
 * addresses, and nginx listens on free loopback ports.
 */
class NginxInFrontTest extends SurveyPageStack {

    private static final Path SHIPPED = Path.of("../deploy/nginx/nginx.conf");

    /** The portal's port on the proxy, and the portal's own, as docker-compose.yml has them. */
    private static final String PORTAL_LISTEN = "listen 8090;";

    private static final String PORTAL_UPSTREAM = "http://portal:8090";

    @LocalServerPort
    int gatewayPort;

    private ChildProcess nginx;
    private HttpServer portal;
    private final List<String> portalRequests = new CopyOnWriteArrayList<>();
    private int port;
    private int portalPort;

    @BeforeEach
    void startTheShippedProxy() throws Exception {
        startAStandInPortal();
        Path prefix = DevStack.scratch("nginx-in-front");
        port = ChildProcess.freePort();
        portalPort = ChildProcess.freePort();
        String shipped = Files.readString(SHIPPED);
        assertThat(shipped).contains(PORTAL_LISTEN, PORTAL_UPSTREAM);
        String config = shipped.replaceAll("server gateway-\\d:8080", "server 127.0.0.1:" + gatewayPort)
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace(PORTAL_LISTEN, "listen 127.0.0.1:" + portalPort + ";")
                .replace(
                        PORTAL_UPSTREAM,
                        "http://127.0.0.1:" + portal.getAddress().getPort());
        assertThat(config).doesNotContain("gateway-1", "gateway-2", "listen 80;", PORTAL_LISTEN, PORTAL_UPSTREAM);
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
        nginx.awaitReady(
                Duration.ofSeconds(10),
                () -> ChildProcess.listening(port, 200) && ChildProcess.listening(portalPort, 200));
    }

    /** Answers every request with what it was sent: path, Host, X-Forwarded-For and X-Forwarded-Proto. */
    private void startAStandInPortal() throws Exception {
        portal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        portal.createContext("/", exchange -> {
            String seen = "path=" + exchange.getRequestURI()
                    + " host=" + exchange.getRequestHeaders().getFirst("Host")
                    + " forwarded-for=" + exchange.getRequestHeaders().getFirst("X-Forwarded-For")
                    + " proto=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
            portalRequests.add(seen);
            byte[] body = ("the portal: " + seen).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        portal.start();
    }

    @AfterEach
    void stopTheProxy() {
        if (nginx != null) {
            nginx.stop();
        }
        if (portal != null) {
            portal.stop(0);
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
    void theActuatorStaysInside() throws Exception {
        PageClient outside = new PageClient(port);

        assertThat(outside.get("/actuator/health").statusCode()).isEqualTo(404);
        assertThat(outside.get("/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(new PageClient(gatewayPort).get("/actuator/health").statusCode())
                .as("the gateway itself has it, for Docker and Prometheus inside the network")
                .isEqualTo(200);
    }

    @Test
    void theSurveyPortAsksNeitherAGatewayNorThePortalForAnythingButTheSurvey() throws Exception {
        PageClient outside = new PageClient(port);
        for (String path : List.of(
                "/login",
                "/",
                "/operator/campaigns",
                "/organization/",
                "/portal.css",
                "/admin/campaigns/" + CAMPAIGN + "/posters.zip",
                "/actuator/health")) {
            HttpResponse<String> answer = outside.get(path);

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path + " answered by nginx itself").contains("<center>nginx</center>");
        }
        assertThat(portalRequests).isEmpty();
    }

    @Test
    void thePortalsPortForwardsToThePortalWithTheClientsAddressAndHsts() throws Exception {
        PageClient staff = new PageClient(portalPort);
        HttpResponse<String> login = staff.http()
                .send(
                        staff.request("/login?error")
                                .header("X-Forwarded-For", "203.0.113.7")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body())
                .as("the client's own X-Forwarded-For is replaced by its address")
                .isEqualTo("the portal: path=/login?error host=127.0.0.1:" + portalPort
                        + " forwarded-for=127.0.0.1 proto=http");
        assertThat(login.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(value -> assertThat(value).contains("max-age=31536000"));
        assertThat(staff.get("/operator/campaigns").body()).contains("path=/operator/campaigns ");
        // Behind a balancer that ended TLS, the portal learns the browser used HTTPS (its redirects keep to it).
        HttpResponse<String> behindABalancer = staff.http()
                .send(
                        staff.request("/").header("X-Forwarded-Proto", "https").build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(behindABalancer.body()).endsWith(" proto=https");
        assertThat(portalRequests).hasSize(3);

        assertThat(staff.get("/actuator/health").statusCode())
                .as("the portal's actuator stays inside too")
                .isEqualTo(404);
        assertThat(staff.get("/actuator;jsessionid=x/health").statusCode()).isEqualTo(404);
        assertThat(portalRequests).hasSize(3);
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
