package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.nginx.SelfSignedCertificate;
import ru.noko.devstack.process.ChildProcess;

/**
 * The server deployment's proxy configuration (deploy/nginx/nginx.conf), as shipped, run by Debian's nginx with a
 * self-signed certificate in front of a real gateway: over HTTPS a respondent who scans a poster's QR code reaches the
 * page, answers it, sees the receipt; an API client takes a questionnaire and posts a response; plain HTTP is
 * redirected to HTTPS, but for the ACME client's challenge files and the health check; the actuator stays inside, and
 * no portal path reaches a gateway. The portal's and Grafana's HTTPS ports forward to stand-ins (JDK HTTP servers that
 * echo what they were sent). The gateway runs as docker-compose.yml runs it behind the proxy (forwarded headers
 * taken, {@code NOKO_FORWARD_HEADERS=native}), so it sees the browser's https:// origin.
 *
 * <p>Only what a server has and this machine has not is changed: the certificate files are the test's, the gateways'
 * names become addresses (the first the real gateway, the second a port nobody listens on, so every other request
 * meets a dead gateway first and nginx goes on to the next), the portal's and Grafana's names the stand-ins', nginx
 * listens on free loopback ports (so the redirect names the test's HTTPS port rather than 443), and the ACME webroot is
 * a folder of the test's. Debian's nginx is 1.22, older than the upstream {@code resolve} parameter (1.27.3) the image
 * (1.28) has: that word alone is taken out, after checking the shipped file gives it to every gateway.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class NginxInFrontTest extends SurveyPageStack {

    private static final Path SHIPPED = Path.of("../deploy/nginx/nginx.conf");

    /** The ports the proxy listens on in its container, as docker-compose.yml publishes them. */
    private static final String HTTP_LISTEN = "listen 80;";

    private static final String SURVEY_LISTEN = "listen 443 ssl;";
    private static final String PORTAL_LISTEN = "listen 8443 ssl;";
    private static final String GRAFANA_LISTEN = "listen 3000 ssl;";

    /** Where docker-compose.yml mounts the host's TLS_CERTIFICATE and TLS_CERTIFICATE_KEY. */
    private static final String CERTIFICATE = "/etc/nginx/tls/fullchain.pem";

    private static final String CERTIFICATE_KEY = "/etc/nginx/tls/privkey.pem";

    /** The ACME client's webroot, as docker-compose.yml mounts it. */
    private static final String ACME_ROOT = "root /var/www/acme;";

    private static final String REDIRECT = "return 301 https://$host$request_uri;";
    private static final String PORTAL_UPSTREAM = "http://portal:8090";
    private static final String GRAFANA_UPSTREAM = "http://grafana:3000";

    /** A gateway's line in the upstream: the server's name and port, and its parameters. */
    private static final Pattern GATEWAY_SERVER = Pattern.compile("(?m)^\\s*server (gateway-\\d+):8080( [^;]*);");

    private static final String ACME_TOKEN = "Zx9_test-token-0123456789";

    private static SelfSignedCertificate certificate;
    private static SSLContext trusting;

    @LocalServerPort
    int gatewayPort;

    private ChildProcess nginx;
    private HttpServer portal;
    private HttpServer grafana;
    private final List<String> portalRequests = new CopyOnWriteArrayList<>();
    private final List<String> grafanaRequests = new CopyOnWriteArrayList<>();
    private int httpPort;
    private int port;
    private int portalPort;
    private int grafanaPort;
    private Path acme;

    /** A certificate for 127.0.0.1 made by openssl, as docs/server/tls.md makes one for a first start. */
    @BeforeAll
    static void makeACertificate() {
        certificate = SelfSignedCertificate.make(DevStack.scratch("nginx-tls"));
        trusting = certificate.trustingIt();
    }

    @BeforeEach
    void startTheShippedProxy() throws Exception {
        portal = startAStandIn("portal", portalRequests);
        grafana = startAStandIn("grafana", grafanaRequests);
        Path prefix = DevStack.scratch("nginx-in-front");
        acme = prefix.resolve("acme");
        Files.createDirectories(acme.resolve(".well-known/acme-challenge"));
        Files.writeString(acme.resolve(".well-known/acme-challenge/" + ACME_TOKEN), ACME_TOKEN + ".key-thumbprint");
        Files.writeString(acme.resolve("secret.txt"), "not for the outside");
        httpPort = ChildProcess.freePort();
        port = ChildProcess.freePort();
        portalPort = ChildProcess.freePort();
        grafanaPort = ChildProcess.freePort();
        int deadGateway = ChildProcess.freePort();

        String shipped = Files.readString(SHIPPED);
        assertThat(shipped)
                .contains(HTTP_LISTEN, SURVEY_LISTEN, PORTAL_LISTEN, GRAFANA_LISTEN)
                .contains(CERTIFICATE, CERTIFICATE_KEY, ACME_ROOT, REDIRECT, PORTAL_UPSTREAM, GRAFANA_UPSTREAM);
        String config = forDebiansNginx(shipped)
                .replace("server gateway-1:8080", "server 127.0.0.1:" + gatewayPort)
                .replace("server gateway-2:8080", "server 127.0.0.1:" + deadGateway)
                .replace(HTTP_LISTEN, "listen 127.0.0.1:" + httpPort + ";")
                .replace(SURVEY_LISTEN, "listen 127.0.0.1:" + port + " ssl;")
                .replace(PORTAL_LISTEN, "listen 127.0.0.1:" + portalPort + " ssl;")
                .replace(GRAFANA_LISTEN, "listen 127.0.0.1:" + grafanaPort + " ssl;")
                .replace(CERTIFICATE, certificate.certificate().toString())
                .replace(CERTIFICATE_KEY, certificate.key().toString())
                .replace(ACME_ROOT, "root " + acme + ";")
                .replace(REDIRECT, "return 301 https://$host:" + port + "$request_uri;")
                .replace(
                        PORTAL_UPSTREAM,
                        "http://127.0.0.1:" + portal.getAddress().getPort())
                .replace(
                        GRAFANA_UPSTREAM,
                        "http://127.0.0.1:" + grafana.getAddress().getPort());
        assertThat(config)
                .doesNotContain("gateway-1", "gateway-2", "/etc/nginx/tls/", ACME_ROOT)
                .doesNotContain(HTTP_LISTEN, SURVEY_LISTEN, PORTAL_LISTEN, GRAFANA_LISTEN, REDIRECT)
                .doesNotContain(PORTAL_UPSTREAM, GRAFANA_UPSTREAM);
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
                () -> List.of(httpPort, port, portalPort, grafanaPort).stream()
                        .allMatch(listening -> ChildProcess.listening(listening, 200)));
    }

    /**
     * The shipped file as Debian's nginx 1.22 takes it: without the upstream servers' {@code resolve} parameter (nginx
     * 1.27.3), which must be on every gateway's line. Nothing else is changed.
     */
    static String forDebiansNginx(String shipped) {
        Matcher servers = GATEWAY_SERVER.matcher(shipped);
        StringBuilder converted = new StringBuilder();
        int gateways = 0;
        while (servers.find()) {
            gateways++;
            List<String> parameters = List.of(servers.group(2).strip().split("\\s+"));
            assertThat(parameters)
                    .as(servers.group(1) + " is looked up while nginx runs")
                    .containsOnlyOnce("resolve");
            String kept = String.join(
                    " ", parameters.stream().filter(p -> !p.equals("resolve")).toList());
            servers.appendReplacement(
                    converted,
                    Matcher.quoteReplacement(
                            servers.group().replace(servers.group(2), kept.isEmpty() ? "" : " " + kept)));
        }
        servers.appendTail(converted);
        assertThat(gateways).as("the gateways' server lines").isEqualTo(2);
        String result = converted.toString();
        assertThat(result.replace(" ", "").length())
                .as("only the word resolve, once a gateway, is taken out")
                .isEqualTo(shipped.replace(" ", "").length() - gateways * "resolve".length());
        assertThat(GATEWAY_SERVER.matcher(result).results().map(server -> server.group(2)))
                .noneSatisfy(parameters -> assertThat(parameters).contains("resolve"));
        return result;
    }

    /** Answers every request with what it was sent: path, Host and the forwarded headers. */
    private static HttpServer startAStandIn(String name, List<String> requests) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            var headers = exchange.getRequestHeaders();
            String seen = "path=" + exchange.getRequestURI()
                    + " host=" + headers.getFirst("Host")
                    + " forwarded-for=" + headers.getFirst("X-Forwarded-For")
                    + " proto=" + headers.getFirst("X-Forwarded-Proto")
                    + " port=" + headers.getFirst("X-Forwarded-Port")
                    + (headers.containsKey("Upgrade")
                            ? " upgrade=" + headers.getFirst("Upgrade") + " connection="
                                    + headers.getFirst("Connection")
                            : "");
            requests.add(seen);
            byte[] body = ("the " + name + ": " + seen).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @AfterEach
    void stopTheProxy() {
        if (nginx != null) {
            nginx.stop();
        }
        if (portal != null) {
            portal.stop(0);
        }
        if (grafana != null) {
            grafana.stop(0);
        }
    }

    /** A browser on the survey port, over HTTPS. */
    private PageClient browser() {
        return new PageClient("https://127.0.0.1:" + port, trusting);
    }

    @Test
    void theShippedFileLooksTheGatewaysUpWhileItRunsThroughDockersDns() throws Exception {
        String shipped = Files.readString(SHIPPED);
        Matcher servers = GATEWAY_SERVER.matcher(shipped);
        assertThat(servers.results().map(server -> server.group(2)))
                .as("two gateways, each with failover and looked up at run time")
                .hasSize(2)
                .allSatisfy(parameters -> assertThat(parameters).contains("max_fails=", "fail_timeout=", " resolve"));
        String directives = shipped.replaceAll("(?m)#.*$", "");
        String upstream = directives.substring(directives.indexOf("upstream gateways {"));
        upstream = upstream.substring(0, upstream.indexOf('}'));
        assertThat(upstream)
                .as("resolve needs the group in shared memory; keepalive to the gateways stays")
                .containsPattern("(?m)^\\s*zone gateways \\d+k;")
                .containsPattern("(?m)^\\s*keepalive \\d+;");
        String http = directives.substring(directives.indexOf("http {"), directives.indexOf("upstream gateways {"));
        assertThat(http).as("Docker's resolver, in http{}").contains("resolver 127.0.0.11 ");
    }

    @Test
    void aRespondentFromAPostersLinkAnswersThePageOverHttpsAndSeesTheReceipt() throws Exception {
        PageClient respondent = browser();
        HttpResponse<String> page = respondent.get(PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(SCHOOL_NAME);
        assertThat(page.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(value -> assertThat(value).contains("max-age=31536000"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();

        // PageClient's posts claim X-Forwarded-For: 203.0.113.7; the browser's Origin is the page's https:// one.
        HttpResponse<String> posted = respondent.post(
                PAGE, PageClient.validForm(page.body()), null, Map.of("Origin", "https://127.0.0.1:" + port));

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Strict-Transport-Security")).isPresent();
        String location = posted.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> thanks = respondent.get(location);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("Ваш ответ принят", SurveyPageTest.receiptIn(location));
        assertThat(storedWithId(SurveyPageTest.receiptIn(location)))
                .singleElement()
                .satisfies(stored -> assertThat(stored.getClient().getIpAddress())
                        .as("the address nginx saw, not the one the client claimed")
                        .isEqualTo("127.0.0.1"));
    }

    @Test
    void anApiClientTakesTheQuestionnaireAndPostsAResponseOverHttps() throws Exception {
        PageClient client = browser();
        String token = client.apiToken(CAMPAIGN, SCHOOL, null);

        HttpResponse<String> answer = client.postJson("/api/v1/responses", """
                {"campaignId": "%s", "organizationId": "%s", "respondentRole": "parent",
                 "answers": {"q1": false, "q3": false, "q5": true, "q6": false, "q8": true, "q9": true, "q10": false,
                             "q12": true, "q13": true, "q14": true},
                 "startedAt": "2026-02-01T10:00:00Z", "submittedAt": "2026-02-01T10:06:30Z", "submissionToken": "%s"}
                """.formatted(CAMPAIGN, SCHOOL, token));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(answer.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void plainHttpIsRedirectedToTheSamePathOverHttpsButForAcmeChallengesAndTheHealthCheck() throws Exception {
        PageClient plain = new PageClient(httpPort);
        for (String path :
                List.of(PAGE, PAGE + "?lang=ru", "/api/v1/surveys/" + CAMPAIGN + "/" + SCHOOL, "/login", "/")) {
            HttpResponse<String> answer = plain.get(path);

            assertThat(answer.statusCode()).as(path).isEqualTo(301);
            assertThat(answer.headers().firstValue("Location")).as(path).hasValue("https://127.0.0.1:" + port + path);
        }
        HttpResponse<String> posted = plain.postJson("/api/v1/responses", "{}");
        assertThat(posted.statusCode()).isEqualTo(301);
        assertThat(posted.headers().firstValue("Location")).hasValue("https://127.0.0.1:" + port + "/api/v1/responses");

        HttpResponse<String> challenge = plain.get("/.well-known/acme-challenge/" + ACME_TOKEN);
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).isEqualTo(ACME_TOKEN + ".key-thumbprint");
        assertThat(challenge.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(plain.get("/.well-known/acme-challenge/unknown-token").statusCode())
                .isEqualTo(404);
        for (String outside : List.of("/.well-known/acme-challenge/../../secret.txt", "/secret.txt")) {
            assertThat(plain.get(outside).body()).as(outside).doesNotContain("not for the outside");
        }
        HttpResponse<String> health = plain.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        assertThat(portalRequests).isEmpty();
        assertThat(grafanaRequests).isEmpty();
    }

    @Test
    void theActuatorStaysInside() throws Exception {
        PageClient outside = browser();

        assertThat(outside.get("/actuator/health").statusCode()).isEqualTo(404);
        assertThat(outside.get("/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(outside.get("/api/../actuator/health").statusCode()).isEqualTo(404);
        assertThat(new PageClient(httpPort).get("/actuator/health").statusCode())
                .as("plain HTTP only redirects")
                .isEqualTo(301);
        assertThat(new PageClient(gatewayPort).get("/actuator/health").statusCode())
                .as("the gateway itself has it, for Docker and Prometheus inside the network")
                .isEqualTo(200);
    }

    @Test
    void theSurveyPortAsksNeitherAGatewayNorThePortalForAnythingButTheSurvey() throws Exception {
        PageClient outside = browser();
        for (String path : List.of(
                "/login",
                "/",
                "/operator/campaigns",
                "/organization/",
                "/portal.css",
                "/admin/campaigns/" + CAMPAIGN + "/posters.zip",
                "/actuator/health",
                "/d/noko-progress",
                "/.well-known/acme-challenge/" + ACME_TOKEN)) {
            HttpResponse<String> answer = outside.get(path);

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path + " answered by nginx itself").contains("<center>nginx</center>");
        }
        assertThat(portalRequests).isEmpty();
        assertThat(grafanaRequests).isEmpty();
    }

    @Test
    void plainHttpOnTheHttpsPortsIsRefused() throws Exception {
        for (int tls : List.of(port, portalPort, grafanaPort)) {
            HttpResponse<String> answer = new PageClient(tls).get("/s/" + CAMPAIGN + "/" + SCHOOL);

            assertThat(answer.statusCode()).as("port " + tls).isEqualTo(400);
            assertThat(answer.body()).as("port " + tls).contains("The plain HTTP request was sent to HTTPS port");
        }
        assertThat(portalRequests).isEmpty();
        assertThat(grafanaRequests).isEmpty();
    }

    @Test
    void thePortalsPortForwardsOverHttpsWithTheClientsAddressAndHsts() throws Exception {
        PageClient staff = new PageClient("https://127.0.0.1:" + portalPort, trusting);
        HttpResponse<String> login = staff.http()
                .send(
                        staff.request("/login?error")
                                .header("X-Forwarded-For", "203.0.113.7")
                                .header("X-Forwarded-Proto", "http")
                                .header("X-Forwarded-Port", "80")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body())
                .as("the client's own X-Forwarded-For, -Proto and -Port are replaced by what nginx saw")
                .isEqualTo("the portal: path=/login?error host=127.0.0.1:" + portalPort
                        + " forwarded-for=127.0.0.1 proto=https port=" + portalPort);
        assertThat(login.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(value -> assertThat(value).contains("max-age=31536000"));
        assertThat(staff.get("/operator/campaigns").body()).contains("path=/operator/campaigns ");
        assertThat(portalRequests).hasSize(2);

        assertThat(staff.get("/actuator/health").statusCode())
                .as("the portal's actuator stays inside too")
                .isEqualTo(404);
        assertThat(staff.get("/actuator;jsessionid=x/health").statusCode()).isEqualTo(404);
        assertThat(portalRequests).hasSize(2);
        assertThat(grafanaRequests).isEmpty();
    }

    @Test
    void grafanasPortForwardsOverHttpsWithItsWebsocketAndKeepsItsMetricsInside() throws Exception {
        PageClient analyst = new PageClient("https://127.0.0.1:" + grafanaPort, trusting);
        HttpResponse<String> dashboard = analyst.get("/d/noko-progress?orgId=1");

        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body())
                .isEqualTo("the grafana: path=/d/noko-progress?orgId=1 host=127.0.0.1:" + grafanaPort
                        + " forwarded-for=127.0.0.1 proto=https port=" + grafanaPort);
        assertThat(dashboard.headers().firstValue("Strict-Transport-Security")).isPresent();

        // Grafana Live: a browser's websocket upgrade (java.net.http will not send one, so by hand over TLS).
        try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", grafanaPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/live/ws HTTP/1.1\r\nHost: 127.0.0.1:" + grafanaPort + "\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readUntil(socket.getInputStream(), "connection=upgrade");
            assertThat(answer)
                    .startsWith("HTTP/1.1 200")
                    .contains("path=/api/live/ws ", " upgrade=websocket connection=upgrade");
        }

        HttpResponse<String> metrics = analyst.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(404);
        assertThat(metrics.body()).contains("<center>nginx</center>");
        assertThat(grafanaRequests).hasSize(2);
        assertThat(portalRequests).isEmpty();
    }

    /** What the stream gives until it has given {@code marker}, or ends, or 10 s have passed. */
    private static String readUntil(InputStream in, String marker) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        Instant deadline = Instant.now().plusSeconds(10);
        while (!read.toString(StandardCharsets.UTF_8).contains(marker)
                && Instant.now().isBefore(deadline)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            read.write(buffer, 0, n);
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anotherSitesFormThroughTheProxyIsRefusedAndSoIsThePagesPlainHttpOrigin() throws Exception {
        PageClient visitor = browser();
        Map<String, List<String>> form = PageClient.validForm(visitor.get(PAGE).body());

        HttpResponse<String> answer =
                visitor.post(PAGE, form, null, Map.of("Origin", "https://popular-site.example.com"));
        assertThat(answer.statusCode()).isEqualTo(403);

        // The gateway took the scheme nginx sent: the page's origin is https://, so its http:// twin is another site.
        HttpResponse<String> plainOrigin = visitor.post(PAGE, form, null, Map.of("Origin", "http://127.0.0.1:" + port));
        assertThat(plainOrigin.statusCode()).isEqualTo(403);
    }
}
