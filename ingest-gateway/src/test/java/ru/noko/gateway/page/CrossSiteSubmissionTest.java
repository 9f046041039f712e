package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.noko.gateway.page.PageClient.TOKEN;
import static ru.noko.gateway.page.PageClient.field;
import static ru.noko.gateway.page.PageClient.validForm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Another web site cannot fill a school's rating through its visitors' browsers: a form it posts to the survey page,
 * or a script's POST to the API, is refused with a clear 403 and nothing reaches Kafka. The page's own form, in the
 * browser it was given to, is taken as before.
 */
class CrossSiteSubmissionTest extends SurveyPageStack {

    private static final String EVIL = "https://popular-site.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void aFormPostedFromAnotherSiteIsRefusedAndNotStored() throws Exception {
        PageClient visitor = new PageClient(port);
        Map<String, List<String>> form = validForm(visitor.get(PAGE).body());

        HttpResponse<String> answer = visitor.post(PAGE, form, null, Map.of("Origin", EVIL));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("<h1>Анкета отправлена с другого сайта</h1>", "Ответы не сохранены");
        assertNothingStoredUnder(form);
    }

    @Test
    void aFormThatNamesAnotherSiteOnlyInItsRefererIsRefusedToo() throws Exception {
        PageClient visitor = new PageClient(port);
        Map<String, List<String>> form = validForm(visitor.get(PAGE).body());

        HttpResponse<String> answer = visitor.post(PAGE, form, null, Map.of("Referer", EVIL + "/vote-for-school-1"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertNothingStoredUnder(form);
    }

    @Test
    void aFormFromAFrameWithANullOriginIsRefused() throws Exception {
        PageClient visitor = new PageClient(port);
        Map<String, List<String>> form = validForm(visitor.get(PAGE).body());

        assertThat(visitor.post(PAGE, form, null, Map.of("Origin", "null")).statusCode())
                .isEqualTo(403);
    }

    /**
     * What a browser sends when another site's hidden form posts the site's own copy of the page's fields: no device
     * cookie (SameSite=Lax keeps it from another site's post), even if the browser hides where the post came from.
     */
    @Test
    void aFormWithoutTheDeviceCookieIsRefused() throws Exception {
        PageClient attackersServer = new PageClient(port);
        Map<String, List<String>> copied = validForm(attackersServer.get(PAGE).body());
        PageClient visitor = new PageClient(port);

        HttpResponse<String> answer = visitor.post(PAGE, copied);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("<h1>Браузер не узнан</h1>", "cookie");
        assertNothingStoredUnder(copied);
    }

    @Test
    void aFormGivenToAnotherBrowserIsRefused() throws Exception {
        PageClient attackersServer = new PageClient(port);
        Map<String, List<String>> copied = validForm(attackersServer.get(PAGE).body());
        PageClient visitor = new PageClient(port);
        visitor.get(PAGE);

        HttpResponse<String> answer = visitor.post(PAGE, copied);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("<h1>Анкета отправлена не со страницы опроса</h1>");
        assertNothingStoredUnder(copied);
    }

    @Test
    void aTokenFromOneViewDoesNotCarryAnotherKey() throws Exception {
        PageClient visitor = new PageClient(port);
        Map<String, List<String>> form = validForm(visitor.get(PAGE).body());
        form.put("submissionToken", List.of(field(TOKEN, visitor.get(PAGE).body())));

        assertThat(visitor.post(PAGE, form).statusCode()).isEqualTo(403);
    }

    @Test
    void theSitesOwnFormWithItsOriginIsTaken() throws Exception {
        PageClient visitor = new PageClient(port);
        Map<String, List<String>> form = validForm(visitor.get(PAGE).body());

        HttpResponse<String> answer = visitor.post(
                PAGE,
                form,
                null,
                Map.of("Origin", "http://127.0.0.1:" + port, "Referer", "http://127.0.0.1:" + port + PAGE));
        HttpResponse<String> fromThePublicAddress = visitor.post(PAGE, form, null, Map.of("Origin", PUBLIC_URL));

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(fromThePublicAddress.statusCode())
                .as("the same form again, from the public address the proxy serves")
                .isEqualTo(303);
        assertThat(storedWhere(response -> form.get("idempotencyKey").get(0).equals(response.getIdempotencyKey())))
                .hasSize(1);
    }

    @Test
    void anotherSitesFormCannotHaveCodeLettersSent() throws Exception {
        PageClient visitor = new PageClient(port);
        String addressPage = visitor.get("/s/" + EMAIL_CAMPAIGN + "/" + SCHOOL).body();
        int letters = outbox().count();

        HttpResponse<String> fromElsewhere = visitor.post(
                "/s/" + EMAIL_CAMPAIGN + "/" + SCHOOL + "/email",
                Map.of("email", List.of("victim@example.ru"), "submissionToken", List.of(field(TOKEN, addressPage))),
                null,
                Map.of("Origin", EVIL));
        HttpResponse<String> withoutToken = visitor.post(
                "/s/" + EMAIL_CAMPAIGN + "/" + SCHOOL + "/email", Map.of("email", List.of("victim@example.ru")));

        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        Thread.sleep(500);
        assertThat(outbox().count()).as("no letter").isEqualTo(letters);
    }

    @Test
    void theApiRefusesAScriptOfAnotherSite() throws Exception {
        PageClient client = new PageClient(port);
        HttpResponse<String> answer = client.http()
                .send(
                        client.request("/api/v1/responses")
                                .header("Content-Type", "application/json")
                                .header("Origin", EVIL)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        response(client.apiToken(CAMPAIGN, SCHOOL, null))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(403);
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:noko:problem:foreign-origin");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("Origin");
    }

    @Test
    void theApiTakesAScriptOfThisSiteByItsOriginOrReferer() throws Exception {
        PageClient client = new PageClient(port);
        String own = "http://127.0.0.1:" + port;

        List<Integer> statuses = new java.util.ArrayList<>();
        for (Map<String, String> headers : List.of(
                Map.of("Origin", own),
                Map.of("Origin", PUBLIC_URL),
                Map.of("Referer", own + "/s/" + CAMPAIGN + "/" + SCHOOL),
                Map.of("Origin", "http://localhost:" + port),
                Map.of("Referer", EVIL + "/page"))) {
            HttpRequest.Builder request = client.request("/api/v1/responses")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(response(client.apiToken(CAMPAIGN, SCHOOL, null))));
            headers.forEach(request::header);
            statuses.add(client.http()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }

        assertThat(statuses)
                .as("its own address, its public address, a page of its own; another host name; another site")
                .containsExactly(202, 202, 202, 403, 403);
    }

    @Test
    void aPostWithAQueryIsASubmissionAllTheSame() throws Exception {
        PageClient client = new PageClient(port);

        HttpResponse<String> answer =
                client.postJson("/api/v1/responses?from=qr", response(client.apiToken(CAMPAIGN, SCHOOL, null)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    @Test
    void theApiAnswersOtherMethodsInItsOwnShape() throws Exception {
        HttpResponse<String> answer = new PageClient(port).get("/api/v1/responses");

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(answer.body()).get("type").asText()).isEqualTo("urn:noko:problem:method-not-allowed");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void theApiTakesOnlyResponsesToAQuestionnaireItGave() throws Exception {
        PageClient client = new PageClient(port);

        HttpResponse<String> without = client.postJson("/api/v1/responses", response(null));
        HttpResponse<String> forged = client.postJson(
                "/api/v1/responses", response(Instant.now().getEpochSecond() + ".0123456789abcdef." + "0".repeat(32)));
        HttpResponse<String> forAnotherSchool =
                client.postJson("/api/v1/responses", response(client.apiToken(CAMPAIGN, KINDERGARTEN, null)));
        HttpResponse<String> given =
                client.postJson("/api/v1/responses", response(client.apiToken(CAMPAIGN, SCHOOL, null)));

        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(rule(without)).isEqualTo("submissionToken required");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(rule(forged)).isEqualTo("submissionToken forged");
        assertThat(forAnotherSchool.statusCode()).isEqualTo(403);
        assertThat(given.statusCode()).as(given.body()).isEqualTo(202);
    }

    @Test
    void theApisQuestionnaireComesWithItsTokenAndQuestions() throws Exception {
        HttpResponse<String> answer = new PageClient(port)
                .get("/api/v1/surveys/" + CAMPAIGN + "/" + SCHOOL + "?deviceToken=dev-0123456789abcdef");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode questionnaire = JSON.readTree(answer.body());
        assertThat(questionnaire.get("organizationName").asText()).isEqualTo(SCHOOL_NAME);
        assertThat(questionnaire.get("deviceToken").asText()).isEqualTo("dev-0123456789abcdef");
        assertThat(questionnaire.get("submissionToken").asText()).matches("\\d+\\.[0-9a-f]{16}\\.[0-9a-f]{32}");
        assertThat(questionnaire
                        .get("questionnaire")
                        .get("questions")
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo("q1");
        assertThat(new PageClient(port)
                        .get("/api/v1/surveys/" + CAMPAIGN + "/no-such-school")
                        .statusCode())
                .isEqualTo(404);
        assertThat(new PageClient(port)
                        .get("/api/v1/surveys/" + CAMPAIGN + "/" + SCHOOL + "?deviceToken=short")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void noPreflightLetsAnotherSitesScriptIn() throws Exception {
        PageClient client = new PageClient(port);
        HttpResponse<String> preflight = client.http()
                .send(
                        client.request("/api/v1/responses")
                                .header("Origin", EVIL)
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "content-type")
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    private static String rule(HttpResponse<String> answer) throws Exception {
        JsonNode error = JSON.readTree(answer.body()).get("errors").get(0);
        return error.get("field").asText() + " " + error.get("rule").asText();
    }

    private static String response(String token) {
        return """
                {"campaignId": "%s", "organizationId": "%s", "respondentRole": "parent",
                 "answers": {"q1": false, "q3": false, "q5": true, "q6": false, "q8": true, "q9": true, "q10": false,
                             "q12": true, "q13": true, "q14": true},
                 "startedAt": "%s", "submittedAt": "%s"%s}
                """.formatted(
                        CAMPAIGN,
                        SCHOOL,
                        Instant.now().minusSeconds(300),
                        Instant.now(),
                        token == null ? "" : ", \"submissionToken\": \"" + token + "\"");
    }

    private static void assertNothingStoredUnder(Map<String, List<String>> form) {
        String key = form.get("idempotencyKey").get(0);
        assertThat(storedWhere(response -> key.equals(response.getIdempotencyKey())))
                .as("nothing on Kafka")
                .isEmpty();
    }
}
