package ru.noko.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.methodology.instrument.Instrument;
import ru.noko.methodology.instrument.Question;
import ru.noko.schemas.clickhouse.ClickHouseQueries;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * The whole local system probed as a hostile respondent, a hostile web site and a hostile local user would, end to end
 * (HTTP client → gateway → Kafka → Flink → ClickHouse): a guessed e-mail confirmation and another site's form get
 * nothing stored, while the honest respondent's answers get their verdict; Flink's web UI takes no jar; ClickHouse
 * wants its password; every port is on loopback and the data folder is its owner's.
 */
class HostileProbesEndToEndTest {

    private static final String SCHOOL = "probe-school-1";
    private static final String EMAIL_CAMPAIGN = "demo-2026-satisfaction";
    private static final String PAGE_CAMPAIGN = "demo-2026-noko";
    private static final String EVIL = "https://popular-site.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalSystem system;
    private static ClickHouseQueries clickHouse;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        system = new LocalSystem(TestSettings.onFreePorts("probes", DevStack.scratch("probes"), 2)).start();
        clickHouse = new ClickHouseQueries(system.clickHouseTarget());
        RegistryEntries.publishSchool(system.kafkaBootstrapServers(), system.gatewayUri(), SCHOOL, "Школа проб № 1");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aGuesserOfEmailCodesConfirmsNothingWhileTheRealParentIsCountedOnce() throws Exception {
        String victim = "victim." + System.nanoTime() + "@example.ru";

        // The report's attack: invented challenges, each supposedly a fresh letter with five fresh tries.
        int confirmed = 0;
        for (int i = 0; i < 300; i++) {
            String invented = Instant.now().getEpochSecond() + "-" + String.format("%016x", i) + "-" + "0".repeat(24);
            if (confirm(victim, invented, String.format("%06d", i * 3331 % 1_000_000))
                            .statusCode()
                    == 200) {
                confirmed++;
            }
        }
        // A real letter to the victim, which the guesser cannot read, guessed at past its five tries. (One letter: the
        // instance checks ten wrong codes a minute from everyone, and the real parent below must not wait for the
        // next minute; CodeGuessingTest tries the limits one by one.)
        List<Integer> answers = new ArrayList<>();
        for (int letter = 0; letter < 1; letter++) {
            String challenge = askForCode(victim);
            for (int guess = 0; guess < 6; guess++) {
                int status = confirm(victim, challenge, String.format("%06d", letter * 100 + guess))
                        .statusCode();
                answers.add(status);
                if (status == 200) {
                    confirmed++;
                }
            }
        }
        HttpResponse<String> forgedProof = submit(victim, Instant.now().getEpochSecond() + "." + "0".repeat(32));

        assertThat(confirmed).as("no guess confirmed the address").isZero();
        assertThat(answers)
                .as("wrong codes, then spent codes and a spent address")
                .doesNotContain(200, 500);
        assertThat(forgedProof.statusCode()).isEqualTo(400);

        String parent = "real.parent." + System.nanoTime() + "@example.ru";
        int letters = outboxLetters();
        String challenge = askForCode(parent);
        String proof = JSON.readTree(
                        confirm(parent, challenge, codeSentTo(parent, letters)).body())
                .get("emailProof")
                .asText();
        HttpResponse<String> answered = submit(parent, proof);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(202);
        String responseId = JSON.readTree(answered.body()).get("responseId").asText();

        assertThat(verdictOf(responseId))
                .as("the confirmed parent's response counts")
                .isEqualTo("accepted");
        Pseudonymizer pseudonyms = new Pseudonymizer(system.settings().pseudonymKey());
        // Raw rows are written in larger, later batches than verdicts: once this response's is stored, anything from
        // the victim's address sent before it would be too.
        clickHouse.await(
                "SELECT response_id FROM survey_responses WHERE response_id = '" + responseId + "'",
                rows -> !rows.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(clickHouse.count(
                        "SELECT count() FROM survey_responses WHERE email_hmac = '" + pseudonyms.email(victim) + "'"))
                .as("nothing at all from the victim's address reached the pipeline")
                .isZero();
    }

    @Test
    void anotherSitesFormGetsNothingStoredWhileTheSitesOwnFormGetsItsVerdict() throws Exception {
        HttpClient browser = browser();
        String page = get(browser, "/s/" + PAGE_CAMPAIGN + "/" + SCHOOL).body();
        Map<String, String> form = answeredForm(page);

        HttpResponse<String> fromElsewhere = postForm(browser, form, Map.of("Origin", EVIL));
        HttpResponse<String> copiedWithoutCookie = postForm(
                http,
                answeredForm(
                        get(browser(), "/s/" + PAGE_CAMPAIGN + "/" + SCHOOL).body()),
                Map.of());
        HttpResponse<String> apiFromElsewhere = http.send(
                HttpRequest.newBuilder(system.gatewayUri().resolve("/api/v1/responses"))
                        .header("Content-Type", "application/json")
                        .header("Origin", EVIL)
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(fromElsewhere.body()).contains("Анкета отправлена с другого сайта");
        assertThat(copiedWithoutCookie.statusCode()).isEqualTo(403);
        assertThat(apiFromElsewhere.statusCode()).isEqualTo(403);
        assertThat(apiFromElsewhere.body()).contains("foreign-origin");

        HttpResponse<String> own =
                postForm(browser, form, Map.of("Origin", system.gatewayUri().toString()));
        assertThat(own.statusCode()).isEqualTo(303);
        String location = own.headers().firstValue("Location").orElseThrow();
        String responseId = location.replaceAll(".*/thanks/([0-9a-f-]{36}).*", "$1");
        assertThat(verdictOf(responseId)).isEqualTo("accepted");
        // The raw rows are written in larger, later batches than the verdicts: wait for this one's, then look for
        // any other under the same key (they would have been in the same batch or an earlier one).
        List<String> stored = clickHouse.await(
                "SELECT response_id FROM survey_responses WHERE idempotency_key = '" + form.get("idempotencyKey") + "'",
                rows -> !rows.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(stored)
                .as("the refused posts of the same form stored nothing: one response under its key")
                .containsExactly(responseId);
    }

    @Test
    void flinksWebUiShowsTheJobButTakesNoJarAndNoOtherSiteReadsIt() throws Exception {
        URI flink = system.flinkUri();
        HttpResponse<String> overview = http.send(
                HttpRequest.newBuilder(flink.resolve("/jobs/overview"))
                        .header("Origin", EVIL)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String boundary = "noko-probe";
        HttpResponse<String> upload = http.send(
                HttpRequest.newBuilder(flink.resolve("/jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\n"
                                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"evil.jar\"\r\n"
                                + "Content-Type: application/x-java-archive\r\n\r\nPK\r\n--" + boundary + "--\r\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> jars =
                http.send(HttpRequest.newBuilder(flink.resolve("/jars")).build(), HttpResponse.BodyHandlers.ofString());
        String jobId =
                JSON.readTree(overview.body()).get("jobs").get(0).get("jid").asText();
        // Flink's REST API itself cancels for whoever reaches it (web.cancel.enable only hides the UI's button): a
        // web page must not be let in by the browser, which asks first.
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(flink.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .header("Origin", EVIL)
                        .header("Access-Control-Request-Method", "PATCH")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode features = JSON.readTree(http.send(
                                HttpRequest.newBuilder(flink.resolve("/config")).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .get("features");

        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("RUNNING");
        assertThat(overview.headers().allValues("Access-Control-Allow-Origin"))
                .as("no other site's script reads the UI")
                .doesNotContain("*", EVIL);
        assertThat(upload.statusCode()).as("no jar upload: " + upload.body()).isBetween(400, 499);
        assertThat(upload.body()).doesNotContain("success", "filename");
        assertThat(jars.statusCode())
                .as("no list of uploaded jars: " + jars.body())
                .isIn(400, 403, 404, 405);
        assertThat(jars.body()).doesNotContain("\"files\"");
        assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).doesNotContain("*", EVIL);
        assertThat(features.get("web-submit").asBoolean()).isFalse();
        assertThat(features.get("web-cancel").asBoolean()).isFalse();
    }

    @Test
    void clickHousesHttpPortWantsThePasswordSoAWebPageCannotCreateTables() throws Exception {
        URI httpPort = URI.create("http://127.0.0.1:" + system.settings().clickHouseHttpPort() + "/");
        HttpResponse<String> fromAPage = http.send(
                HttpRequest.newBuilder(httpPort)
                        .header("Origin", EVIL)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "CREATE TABLE " + system.settings().database() + ".planted (x UInt8) ENGINE = Memory"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withPassword = http.send(
                HttpRequest.newBuilder(httpPort.resolve(
                                "?query=" + URLEncoder.encode("SELECT 40 + 2", StandardCharsets.UTF_8)))
                        .header("X-ClickHouse-User", "default")
                        .header(
                                "X-ClickHouse-Key",
                                Files.readString(system.clickHousePasswordFile())
                                        .strip())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(fromAPage.statusCode()).as(fromAPage.body()).isNotEqualTo(200);
        assertThat(clickHouse.count("SELECT count() FROM system.tables WHERE name = 'planted'"))
                .isZero();
        assertThat(withPassword.statusCode()).isEqualTo(200);
        assertThat(withPassword.body().strip()).isEqualTo("42");
    }

    @Test
    void everyPortOfTheRunIsOnLoopbackAndItsDataFolderIsItsOwners() throws Exception {
        List<ProcessHandle> processes =
                new ArrayList<>(ProcessHandle.current().descendants().toList());
        processes.add(ProcessHandle.current());

        List<ListeningSockets.Listening> listening = ListeningSockets.of(processes);

        assertThat(listening.stream().map(ListeningSockets.Listening::port))
                .as("the gateway, Kafka, ClickHouse (both protocols) and Flink's web UI are among them")
                .contains(
                        system.settings().gatewayPort(),
                        system.settings().kafkaPort(),
                        system.settings().clickHouseTcpPort(),
                        system.settings().clickHouseHttpPort(),
                        system.settings().flinkPort());
        assertThat(listening)
                .allSatisfy(socket -> assertThat(socket.loopback())
                        .as(socket + " listens on loopback only")
                        .isTrue());
        DataFolderPermissions.assertPrivate(system.settings().home());
    }

    private String askForCode(String address) throws Exception {
        HttpResponse<String> sent = postJson(
                "/api/v1/email-codes",
                Map.of("campaignId", EMAIL_CAMPAIGN, "organizationId", SCHOOL, "email", address));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return JSON.readTree(sent.body()).get("challenge").asText();
    }

    private HttpResponse<String> confirm(String address, String challenge, String code) throws Exception {
        return postJson(
                "/api/v1/email-codes/confirm",
                Map.of(
                        "campaignId", EMAIL_CAMPAIGN,
                        "organizationId", SCHOOL,
                        "email", address,
                        "challenge", challenge,
                        "code", code));
    }

    /** A parent's response to the satisfaction survey, every question shown answered, with the address's proof. */
    private HttpResponse<String> submit(String address, String proof) throws Exception {
        Instrument instrument =
                system.campaigns().find(EMAIL_CAMPAIGN).orElseThrow().instrument();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("campaignId", EMAIL_CAMPAIGN);
        response.put("organizationId", SCHOOL);
        response.put("respondentRole", "parent");
        response.put("answers", answers(instrument, "parent"));
        response.put("startedAt", Instant.now().minusSeconds(600).toString());
        response.put("submittedAt", Instant.now().toString());
        response.put("email", address);
        response.put("emailProof", proof);
        String body = new QuestionnaireTokens(http, system.gatewayUri()).signed(JSON.writeValueAsString(response));
        return http.send(
                HttpRequest.newBuilder(system.gatewayUri().resolve("/api/v1/responses"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An answer to every question the role is shown (the first option, «Да», the top of a scale, a number). */
    private static Map<String, Object> answers(Instrument instrument, String role) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Question question : instrument.questions()) {
            if (!instrument.isShown(question, role, answers) || !question.required()) {
                continue;
            }
            answers.put(
                    question.id(),
                    switch (question.type()) {
                        case YES_NO -> true;
                        case SINGLE_CHOICE -> question.options().get(0).id();
                        case MULTIPLE_CHOICE ->
                            List.of(question.options().get(0).id());
                        case LIKERT_5 -> 5;
                        case NUMBER ->
                            question.min() == null ? 1 : question.min().intValue();
                        case TEXT -> "Всё хорошо";
                    });
        }
        return answers;
    }

    private String verdictOf(String responseId) throws Exception {
        List<String> verdicts = clickHouse.await(
                "SELECT concat(verdict, ' ', rejections) FROM response_verdicts FINAL WHERE response_id = '"
                        + responseId + "'",
                rows -> !rows.isEmpty(),
                Duration.ofSeconds(90));
        assertThat(verdicts)
                .as("a verdict for " + responseId + "; stored: "
                        + clickHouse.strings(
                                "SELECT concat(campaign_id, ' ', organization_id, ' ', toString(received_at))"
                                        + " FROM survey_responses WHERE response_id = '" + responseId + "'")
                        + "; undecodable: "
                        + clickHouse.strings("SELECT concat(topic, ' ', error) FROM undecodable_records"))
                .isNotEmpty();
        return verdicts.get(0).strip();
    }

    private int outboxLetters() throws Exception {
        Path outbox = system.outboxFolder();
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (var letters = Files.list(outbox)) {
            return (int)
                    letters.filter(path -> path.toString().endsWith(".txt")).count();
        }
    }

    private String codeSentTo(String address, int lettersBefore) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        Pattern code = Pattern.compile("код подтверждения: (\\d{6})");
        while (Instant.now().isBefore(deadline)) {
            try (var letters = Files.list(system.outboxFolder())) {
                for (Path letter : letters.filter(path -> path.toString().endsWith(".txt"))
                        .sorted()
                        .toList()) {
                    String text = Files.readString(letter, StandardCharsets.UTF_8);
                    Matcher found = code.matcher(text.toLowerCase());
                    if (text.startsWith("Кому: " + address + "\n") && found.find()) {
                        return found.group(1);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no letter to " + address + " (" + lettersBefore + " letters before)");
    }

    private HttpResponse<String> postJson(String path, Map<String, String> fields) throws Exception {
        return http.send(
                HttpRequest.newBuilder(system.gatewayUri().resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fields)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A browser: keeps the device cookie the page sets. */
    private static HttpClient browser() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .build();
    }

    private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(system.gatewayUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The page's hidden fields with a parent's answers to the НОКО questionnaire. */
    private static Map<String, String> answeredForm(String page) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String hidden : List.of("idempotencyKey", "startedAt", "submissionToken")) {
            Matcher value = Pattern.compile("name=\"" + hidden + "\" value=\"([^\"]+)\"")
                    .matcher(page);
            assertThat(value.find()).as(hidden).isTrue();
            form.put(hidden, value.group(1));
        }
        // Filled in over ten minutes, as a respondent does (a form sent within seconds is rejected as too fast).
        form.put("startedAt", Instant.now().minusSeconds(600).toString());
        form.put("respondentRole", "parent");
        for (String question : List.of("q1", "q4", "q6", "q10")) {
            form.put("answers." + question, "false");
        }
        for (String question : List.of("q3", "q5", "q8", "q9", "q12", "q13", "q14")) {
            form.put("answers." + question, "true");
        }
        return form;
    }

    private static HttpResponse<String> postForm(
            HttpClient client, Map<String, String> form, Map<String, String> headers) throws Exception {
        String body = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        system.gatewayUri().resolve("/s/" + PAGE_CAMPAIGN + "/" + SCHOOL))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
