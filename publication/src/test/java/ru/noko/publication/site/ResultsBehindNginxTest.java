package ru.noko.publication.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.devstack.nginx.SelfSignedCertificate;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.publication.ExamplePublication;
import ru.noko.publication.ResultsPublisher;

/**
 * The published results as the server serves them: the shipped proxy configuration (deploy/nginx/nginx.conf), run by
 * Debian's nginx with a self-signed certificate (the server answers HTTPS only), in front of a published folder, with
 * no gateway and no portal behind it at all. A published campaign's pages, badges and open data open with their
 * caching and security headers; an unpublished campaign, and hidden files, are 404. Then a real browser (Debian's
 * Chromium, told to accept the test's certificate) opens the pages on a phone and on a desktop: axe-core finds no
 * violations, the tables sort, nothing is wider than the screen.
 */
class ResultsBehindNginxTest {

    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
    private static final Path SHIPPED = ROOT.resolve("deploy/nginx/nginx.conf");
    private static final Path BROWSER_MODULES = ROOT.resolve("ingest-gateway/src/test/browser");
    private static final Path SCRIPT = ROOT.resolve("publication/src/test/browser/results-page.mjs");
    private static final Path SCREENSHOTS = ROOT.resolve("publication/target");
    private static final String ALIAS = "alias /srv/noko/results/;";
    /** The survey port, where the results are served, and where docker-compose.yml mounts the certificate. */
    private static final String SURVEY_LISTEN = "listen 443 ssl;";

    private static final String CERTIFICATE = "/etc/nginx/tls/fullchain.pem";
    private static final String CERTIFICATE_KEY = "/etc/nginx/tls/privkey.pem";

    private static ChildProcess nginx;
    private static int port;
    private static Path site;
    private static HttpClient http;

    @BeforeAll
    static void publishBehindTheShippedProxy() throws Exception {
        Path scratch = DevStack.scratch("results-behind-nginx");
        site = scratch.resolve("site");
        ResultsPublisher publisher = ExamplePublication.publisher(scratch.resolve("exports"), site);
        publisher.publish(ExamplePublication.PREVIOUS, ExamplePublication.CUT_OFF, "operator", Instant.now());
        publisher.publish(ExamplePublication.CAMPAIGN, ExamplePublication.CUT_OFF, "operator", Instant.now());
        publisher.withdraw(ExamplePublication.PREVIOUS);

        port = ChildProcess.freePort();
        String shipped = Files.readString(SHIPPED);
        assertThat(shipped).contains(ALIAS, SURVEY_LISTEN, CERTIFICATE, CERTIFICATE_KEY);
        // A certificate for 127.0.0.1 made by openssl, as docs/server/tls.md makes one for a first start.
        SelfSignedCertificate certificate = SelfSignedCertificate.make(scratch.resolve("tls"));
        // Only what a server has and this machine has not changes: no gateway answers (a closed port), nginx listens
        // on loopback with a certificate of the test's, and the results volume is the test's folder. Debian's nginx
        // (1.22) does not know the upstream servers' `resolve` (nginx 1.27.3; the image is 1.28): that word goes, as
        // NginxInFrontTest (ingest-gateway) does it and checks it is on every gateway.
        String config = shipped.replaceAll("(server gateway-\\d:8080[^;]*) resolve;", "$1;")
                .replaceAll("server gateway-\\d:8080", "server 127.0.0.1:9")
                .replace("listen 80;", "listen 127.0.0.1:" + ChildProcess.freePort() + ";")
                .replace(SURVEY_LISTEN, "listen 127.0.0.1:" + port + " ssl;")
                .replace("listen 8443 ssl;", "listen 127.0.0.1:" + ChildProcess.freePort() + " ssl;")
                .replace("listen 3000 ssl;", "listen 127.0.0.1:" + ChildProcess.freePort() + " ssl;")
                .replace(CERTIFICATE, certificate.certificate().toString())
                .replace(CERTIFICATE_KEY, certificate.key().toString())
                .replace(ALIAS, "alias " + site.toAbsolutePath() + "/;");
        assertThat(config).doesNotContain("gateway-1", " resolve;", "listen 80;", "listen 443", "listen 8443");
        http = HttpClient.newBuilder().sslContext(certificate.trustingIt()).build();
        Path file = scratch.resolve("nginx.conf");
        Files.writeString(file, config);
        nginx = ChildProcess.start(
                "nginx",
                List.of(
                        "/usr/sbin/nginx",
                        "-p",
                        scratch.toString(),
                        "-c",
                        file.toString(),
                        "-e",
                        scratch.resolve("error.log").toString(),
                        "-g",
                        "daemon off; pid " + scratch.resolve("nginx.pid") + "; user " + System.getProperty("user.name")
                                + ";"),
                scratch.resolve("stdout.log"));
        nginx.awaitReady(Duration.ofSeconds(10), () -> ChildProcess.listening(port, 200));
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.stop();
        }
    }

    @Test
    void aPublishedCampaignsFilesOpenWithTheirHeadersAndNothingElseDoes() throws Exception {
        String campaign = "/results/" + ExamplePublication.CAMPAIGN;
        String organization = firstOrganization();
        for (String path : List.of(
                campaign + "/index.html",
                campaign + "/",
                campaign + "/o/" + organization + ".html",
                campaign + "/data.csv",
                campaign + "/data.json",
                campaign + "/meta.csv",
                campaign + "/structure.csv",
                campaign + "/export-manifest.json",
                "/results/o/" + organization + ".html",
                "/results/o/" + organization + "-qr.svg",
                "/results/assets/results.css")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control")).as(path).hasValue("public, max-age=300");
            assertThat(answer.headers().firstValue("Strict-Transport-Security"))
                    .as(path)
                    .isPresent();
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'none'"));
        }
        HttpResponse<String> badge = get("/results/o/" + organization + ".svg");
        assertThat(badge.statusCode()).isEqualTo(200);
        assertThat(badge.headers().firstValue("Content-Type")).hasValue("image/svg+xml; charset=utf-8");
        assertThat(get("/results/" + ExamplePublication.CAMPAIGN + "/data.csv")
                        .headers()
                        .firstValue("Content-Type"))
                .hasValue("text/csv; charset=utf-8");
        assertThat(badge.headers().firstValue("ETag"))
                .as("a cache can ask whether it changed")
                .isPresent();

        for (String path : List.of(
                "/results/" + ExamplePublication.PREVIOUS + "/index.html",
                "/results/" + ExamplePublication.PREVIOUS + "/o/" + organization + ".svg",
                "/results/" + ExamplePublication.PREVIOUS + "/data.csv",
                "/results/no-such-campaign/index.html",
                "/results/o/no-such-school.svg",
                "/results/o/." + organization + ".campaign",
                "/results/../nginx.conf")) {
            assertThat(get(path).statusCode())
                    .as("withdrawn, unknown or hidden: " + path)
                    .isEqualTo(404);
        }
        Files.createDirectories(site.resolve(".demo.partial-1"));
        Files.writeString(site.resolve(".demo.partial-1/index.html"), "half written");
        assertThat(get("/results/.demo.partial-1/index.html").statusCode()).isEqualTo(404);
        assertThat(get("/api/responses").statusCode())
                .as("the results need no gateway; the survey endpoint's own path fails without one")
                .isEqualTo(502);
    }

    @Test
    void aVisitorOnAPhoneAndOnADesktopReadsThePagesAndAxeFindsNothing() throws Exception {
        if (!Files.isDirectory(BROWSER_MODULES.resolve("node_modules/playwright-core"))
                || !Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new IllegalStateException("playwright-core or Chromium is not installed: run ./noko setup");
        }
        String base = "https://127.0.0.1:" + port + "/results/" + ExamplePublication.CAMPAIGN;
        String organization = firstOrganization();
        String municipality = largestMunicipality();
        Files.createDirectories(SCREENSHOTS);
        List<String> command = new ArrayList<>(List.of(
                "node",
                SCRIPT.toString(),
                BROWSER_MODULES.toString(),
                base + "/o/" + organization + ".html",
                base + "/m/" + municipality + ".html",
                base + "/",
                SCREENSHOTS.toString()));
        Process node = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String stdout = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new IllegalStateException("the browser did not finish in 120 s");
        }
        assertThat(node.exitValue()).as("the browser run; see its output above").isZero();
        JsonNode run = new ObjectMapper().readTree(stdout);
        System.out.println("browser run: " + run);

        assertThat(run.get("pageErrors")).as("no script errors").isEmpty();
        assertThat(run.get("consoleErrors"))
                .as("nothing refused by the pages' security policy")
                .isEmpty();
        for (String screen : List.of("phone", "desktop")) {
            JsonNode seen = run.get("screens").get(screen);
            assertThat(seen.get("title").asText()).contains("результаты независимой оценки качества");
            assertThat(seen.get("score").asText())
                    .as(screen + ": S as a Russian reader writes it")
                    .matches("\\d+,\\d\\d");
            assertThat(seen.get("badgeLoaded").asBoolean())
                    .as(screen + ": the badge shows")
                    .isTrue();
            assertThat(seen.get("qrLoaded").asBoolean())
                    .as(screen + ": the QR code shows")
                    .isTrue();
            assertThat(seen.get("firstSort").asText()).isEqualTo("ascending");
            assertThat(seen.get("secondSort").asText()).isEqualTo("descending");
            assertThat(seen.get("sortedAscending").asBoolean()).isTrue();
            assertThat(seen.get("sortedDescending").asBoolean()).isTrue();
            assertThat(seen.get("sortedRows").asInt())
                    .as("rows with S in the largest municipality")
                    .isGreaterThan(1);
            assertThat(List.of(
                            seen.get("organizationOverflows").asBoolean(),
                            seen.get("municipalityOverflows").asBoolean(),
                            seen.get("regionOverflows").asBoolean()))
                    .as(screen + ": no page wider than the screen")
                    .containsOnly(false);
        }
        assertThat(run.get("audits"))
                .hasSize(6)
                .allSatisfy(a -> assertThat(a.get("rules").asInt()).isGreaterThan(30));
        assertThat(run.get("violations"))
                .as("axe-core finds no accessibility violations")
                .isEmpty();
    }

    /** The first organization with a score: its page shows everything. */
    private static String firstOrganization() throws Exception {
        return ru.noko.publication.PublishedResultsTest.csv(site.resolve(ExamplePublication.CAMPAIGN + "/data.csv"))
                .stream()
                .filter(row -> !row.get("S").isEmpty())
                .findFirst()
                .orElseThrow()
                .get("organization_id");
    }

    /** The municipality with the most organizations: its table has rows to sort. */
    private static String largestMunicipality() throws Exception {
        var rows =
                ru.noko.publication.PublishedResultsTest.csv(site.resolve(ExamplePublication.CAMPAIGN + "/data.csv"));
        var counts = new java.util.HashMap<String, Integer>();
        String best = null;
        for (var row : rows) {
            String slug = ru.noko.publication.figures.PublicResults.slug(row.get("region"), row.get("municipality"));
            int count = counts.merge(slug, 1, Integer::sum);
            if (best == null || count > counts.get(best)) {
                best = slug;
            }
        }
        return best;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
