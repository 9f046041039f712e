package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.noko.gateway.page.PageClient.KEY;
import static ru.noko.gateway.page.PageClient.field;
import static ru.noko.gateway.page.PageClient.validForm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import ru.noko.devstack.mail.LocalOutbox;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * E-mail confirmation end to end: the page asks for the address, the code goes over SMTP to the local outbox, the
 * code opens the questionnaire, the response carries only the address's HMAC, and a second response from the address
 * is told it will not count (and is stored for the anti-fraud check to reject). The API does the same with JSON.
 */
class EmailConfirmationTest extends SurveyPageStack {

    private static final String EMAIL_PAGE = "/s/" + EMAIL_CAMPAIGN + "/" + SCHOOL;
    private static final Pattern CHALLENGE = Pattern.compile("name=\"challenge\" value=\"([^\"]+)\"");
    private static final Pattern PROOF = Pattern.compile("name=\"emailProof\" value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("код подтверждения: (\\d{6})");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void aCampaignThatConfirmsAddressesAsksForTheAddressBeforeTheQuestionnaire() throws Exception {
        HttpResponse<String> page = client().get(EMAIL_PAGE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "Подтвердите адрес электронной почты",
                        SCHOOL_NAME,
                        "action=\"" + EMAIL_PAGE + "/email\"",
                        "type=\"email\" id=\"email\" name=\"email\"",
                        "Получить код")
                .doesNotContain("idempotencyKey");
    }

    @Test
    void aConfirmedAddressAnswersOnceAndASecondResponseFromItIsToldItWillNotCount() throws Exception {
        String address = "Mama.Petrova." + System.nanoTime() + "@example.ru";

        String questionnaire = confirmOnThePage(address);
        assertThat(questionnaire).contains("подтверждён", address);
        Map<String, List<String>> form = answers(questionnaire, address);
        HttpResponse<String> first = client().post(EMAIL_PAGE, form);

        assertThat(first.statusCode()).isEqualTo(303);
        String location = first.headers().firstValue("Location").orElseThrow();
        SurveyResponse stored = storedWithId(SurveyPageTest.receiptIn(location)).get(0);
        assertThat(stored.getClient().getEmailHmac()).matches("[0-9a-f]{64}");
        assertThat(stored.toString()).as("the address never leaves the gateway").doesNotContainIgnoringCase("petrova");
        assertThat(client().post(EMAIL_PAGE, form).headers().firstValue("Location"))
                .as("the same form sent again is the same response")
                .hasValue(location);

        Map<String, List<String>> second = answers(confirmOnThePage(address), address);
        HttpResponse<String> again = client().post(EMAIL_PAGE, second);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Вы уже ответили", "не будет учтён").doesNotContain("petrova");
        String secondKey = second.get("idempotencyKey").get(0);
        List<SurveyResponse> kept = storedWhere(response -> secondKey.equals(response.getIdempotencyKey()));
        assertThat(kept)
                .as("stored all the same, for the anti-fraud check to reject with its reason")
                .hasSize(1);
        assertThat(kept.get(0).getClient().getEmailHmac())
                .isEqualTo(stored.getClient().getEmailHmac());

        Map<String, List<String>> asStudent = answers(confirmOnThePage(address), address);
        asStudent.put("respondentRole", List.of("student"));
        assertThat(client().post(EMAIL_PAGE, asStudent).statusCode())
                .as("one response per address, organization and role")
                .isEqualTo(303);
    }

    @Test
    void aWrongCodeSaysHowManyTriesAreLeftAndAUsedCodeDoesNotWorkAgain() throws Exception {
        String address = "papa." + System.nanoTime() + "@example.ru";
        String codePage = askForCode(address);
        String code = codeSentTo(address);
        String wrong = code.equals("000000") ? "111111" : "000000";

        HttpResponse<String> mistyped = enter(address, codePage, wrong);
        HttpResponse<String> right = enter(address, codePage, code.substring(0, 3) + " " + code.substring(3));
        HttpResponse<String> reused = enter(address, codePage, code);

        assertThat(mistyped.statusCode()).isEqualTo(422);
        assertThat(mistyped.body()).contains("Неверный код. Осталось попыток: 4.");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).contains("name=\"emailProof\"");
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.body()).contains("Этот код уже использован. Запросите новый код.");
    }

    @Test
    void aCodeStopsWorkingAfterFiveWrongTries() throws Exception {
        String address = "grandma." + System.nanoTime() + "@example.ru";
        String codePage = askForCode(address);
        String code = codeSentTo(address);
        String wrong = code.equals("123456") ? "654321" : "123456";

        for (int i = 0; i < 4; i++) {
            assertThat(enter(address, codePage, wrong).statusCode()).isEqualTo(422);
        }
        HttpResponse<String> fifth = enter(address, codePage, wrong);
        HttpResponse<String> rightAtLast = enter(address, codePage, code);

        assertThat(fifth.body()).contains("Код введён неверно слишком много раз. Запросите новый код.");
        assertThat(rightAtLast.body()).doesNotContain("emailProof").contains("Запросите новый код");
    }

    @Test
    void anAddressIsSentAtMostThreeCodesInAQuarterOfAnHour() throws Exception {
        String address = "busy." + System.nanoTime() + "@example.ru";
        for (int i = 0; i < 3; i++) {
            assertThat(askWith(address).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> fourth = askWith(address);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("Слишком много писем с кодом");
    }

    @Test
    void aMalformedAddressIsAskedForAgainWithoutALetter() throws Exception {
        int letters = outbox().count();

        HttpResponse<String> answer = askWith("не почта");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("Неверный адрес электронной почты", "aria-invalid=\"true\"");
        assertThat(outbox().count()).isEqualTo(letters);
    }

    @Test
    void aQuestionnaireSentWithoutConfirmationIsRefusedOnThePageAndInTheApi() throws Exception {
        String address = "nobody." + System.nanoTime() + "@example.ru";
        Map<String, List<String>> form = answers(confirmOnThePage(address), address);
        form.remove("emailProof");
        HttpResponse<String> page = client().post(EMAIL_PAGE, form);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Подтвердите адрес электронной почты кодом из письма", "Ответы не сохранены");

        JsonNode missing = JSON.readTree(submitJson("nobody@example.ru", null).body())
                .get("errors")
                .get(0);
        JsonNode forged = JSON.readTree(submitJson(
                                "nobody@example.ru",
                                Instant.now().getEpochSecond() + ".0123456789abcdef0123456789abcdef")
                        .body())
                .get("errors")
                .get(0);
        assertThat(missing.get("field").asText() + " " + missing.get("rule").asText())
                .isEqualTo("emailProof required");
        assertThat(forged.get("field").asText() + " " + forged.get("rule").asText())
                .isEqualTo("emailProof email-confirmation");
    }

    @Test
    void theApiConfirmsAnAddressWithTheSameCodesAndTakesTheResponseWithItsProof() throws Exception {
        String address = "api." + System.nanoTime() + "@example.ru";
        int letters = outbox().count();
        HttpResponse<String> sent =
                client().postJson("/api/v1/email-codes", """
                {"campaignId": "%s", "organizationId": "%s", "email": "%s"}""".formatted(EMAIL_CAMPAIGN, SCHOOL, address));
        assertThat(sent.statusCode()).isEqualTo(202);
        String challenge = JSON.readTree(sent.body()).get("challenge").asText();
        String code = codeIn(
                outbox().awaitLetterTo(address, letters, Duration.ofSeconds(10)).orElseThrow());

        HttpResponse<String> confirmed = client().postJson(
                        "/api/v1/email-codes/confirm", """
                {"campaignId": "%s", "organizationId": "%s", "email": "%s", "challenge": "%s", "code": "%s"}""".formatted(EMAIL_CAMPAIGN, SCHOOL, address, challenge, code));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        String proof = JSON.readTree(confirmed.body()).get("emailProof").asText();

        assertThat(submitJson(address, proof).statusCode()).isEqualTo(202);
        HttpResponse<String> second = submitJson(address, proof);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).get("errors").get(0).get("rule").asText())
                .isEqualTo("one-per-email");
    }

    @Test
    void theApiSendsNoCodesForACampaignThatDoesNotConfirmAddresses() throws Exception {
        HttpResponse<String> answer = client().postJson("/api/v1/email-codes", """
                {"campaignId": "%s", "organizationId": "%s", "email": "a@example.ru"}""".formatted(CAMPAIGN, SCHOOL));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).get("errors").get(0).get("rule").asText())
                .isEqualTo("no-email-confirmation");
    }

    /** Asks for a code, reads it from the outbox, enters it: the questionnaire's page. */
    private String confirmOnThePage(String address) throws Exception {
        String codePage = askForCode(address);
        HttpResponse<String> questionnaire = enter(address, codePage, codeSentTo(address));
        assertThat(questionnaire.statusCode()).isEqualTo(200);
        return questionnaire.body();
    }

    private int lettersBefore;

    private String askForCode(String address) throws Exception {
        lettersBefore = outbox().count();
        HttpResponse<String> page = askWith(address);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Введите код из письма", address);
        return page.body();
    }

    private String codeSentTo(String address) throws Exception {
        return codeIn(outbox().awaitLetterTo(address, lettersBefore, Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("no letter to " + address)));
    }

    private static String codeIn(LocalOutbox.Letter letter) {
        Matcher code = CODE.matcher(letter.text().toLowerCase());
        assertThat(code.find()).as("the letter has the code: " + letter.text()).isTrue();
        assertThat(letter.subject()).contains(code.group(1));
        return code.group(1);
    }

    private HttpResponse<String> enter(String address, String codePage, String code) throws Exception {
        return client().post(
                        EMAIL_PAGE + "/email/confirm",
                        Map.of(
                                "email",
                                List.of(address),
                                "challenge",
                                List.of(field(CHALLENGE, codePage)),
                                "code",
                                List.of(code),
                                "submissionToken",
                                List.of(field(PageClient.TOKEN, codePage))));
    }

    /** Opens the address step and posts the address, as the page's form does. */
    private HttpResponse<String> askWith(String address) throws Exception {
        String addressPage = client().get(EMAIL_PAGE).body();
        return client().post(
                        EMAIL_PAGE + "/email",
                        Map.of(
                                "email",
                                List.of(address),
                                "submissionToken",
                                List.of(field(PageClient.TOKEN, addressPage))));
    }

    /** The questionnaire's answers, with its hidden e-mail and proof. */
    private static Map<String, List<String>> answers(String questionnaire, String address) {
        Map<String, List<String>> form = new HashMap<>(validForm(questionnaire));
        form.put("email", List.of(address));
        form.put("emailProof", List.of(field(PROOF, questionnaire)));
        assertThat(field(KEY, questionnaire)).matches("[0-9a-f-]{36}");
        return form;
    }

    private HttpResponse<String> submitJson(String email, String proof) throws Exception {
        return client().postJson("/api/v1/responses", """
                {"campaignId": "%s", "organizationId": "%s", "respondentRole": "parent",
                 "answers": {"q1": false, "q3": false, "q5": true, "q6": false, "q8": true, "q9": true, "q10": false,
                             "q12": true, "q13": true, "q14": true},
                 "startedAt": "%s", "submittedAt": "%s", "email": "%s", "submissionToken": "%s"%s}
                """.formatted(
                        EMAIL_CAMPAIGN,
                        SCHOOL,
                        Instant.now().minusSeconds(300),
                        Instant.now(),
                        email,
                        client().apiToken(EMAIL_CAMPAIGN, SCHOOL, null),
                        proof == null ? "" : ", \"emailProof\": \"" + proof + "\""));
    }

    private PageClient browser;

    /** One browser per test: it keeps the device cookie the first page set. */
    private PageClient client() {
        if (browser == null) {
            browser = new PageClient(port);
        }
        return browser;
    }
}
