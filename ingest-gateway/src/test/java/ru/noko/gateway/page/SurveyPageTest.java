package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.noko.gateway.page.PageClient.KEY;
import static ru.noko.gateway.page.PageClient.STARTED;
import static ru.noko.gateway.page.PageClient.TOKEN;
import static ru.noko.gateway.page.PageClient.field;
import static ru.noko.gateway.page.PageClient.validForm;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import ru.noko.schemas.avro.SurveyResponse;

/** The survey page over HTTP as a browser without JavaScript uses it: the page, the form post, the answers. */
class SurveyPageTest extends SurveyPageStack {

    @LocalServerPort
    int port;

    @Test
    void thePageNamesTheOrganizationAndTheCampaignAndAsksEveryQuestionWithItsLabels() throws Exception {
        HttpResponse<String> page = client().get(PAGE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        String html = page.body();
        assertThat(html)
                .contains(
                        "<html lang=\"ru\"",
                        "МБОУ «Средняя общеобразовательная школа № 1» г. Иркутска",
                        "НОКО УООД 2026: демонстрационная кампания",
                        "Независимая оценка качества условий осуществления образовательной деятельности",
                        "Родитель (законный представитель)",
                        "Обучающийся");
        assertThat(html).contains("<legend><span class=\"number\">1.</span> <span>При посещении организации");
        assertThat(html).contains("<label class=\"choice\" for=\"a-q1-true\">", "<span>Да</span>", "<span>Нет</span>");
        assertThat(html).contains("(обязательный вопрос)");
        assertThat(html)
                .as("q2 is shown only when q1 is yes")
                .containsPattern("id=\"q-q2\"\\s+data-show-if=\"q1\" data-show-if-values=\"true\"");
        assertThat(html)
                .as("free text and the single choice")
                .contains(
                        "<textarea id=\"a-q15\" name=\"answers.q15\" maxlength=\"2000\">",
                        "type=\"radio\" name=\"answers.q16\"");
        assertThat(html)
                .as("the number question is a labelled text field")
                .contains("<label for=\"a-q17\">")
                .contains("inputmode=\"decimal\"");
        assertThat(field(KEY, html)).matches("[0-9a-f-]{36}");
        assertThat(Instant.parse(field(STARTED, html))).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(field(KEY, client().get(PAGE).body()))
                .as("a new key per page view")
                .isNotEqualTo(field(KEY, html));
    }

    @Test
    void twoViewsOfAPageDifferOnlyInTheirKeyStartTimeAndToken() throws Exception {
        String first = client().get(PAGE).body();
        String second = client().get(PAGE).body();

        // The blank form is rendered once (BlankForms); each view fills in its own key, time and token.
        assertThat(second.replace(field(TOKEN, second), field(TOKEN, first))
                        .replace(field(KEY, second), field(KEY, first))
                        .replace(field(STARTED, second), field(STARTED, first)))
                .isEqualTo(first);
        assertThat(first).doesNotContain(BlankForms.KEY, BlankForms.STARTED_AT, BlankForms.TOKEN);
        assertThat(field(TOKEN, first)).contains(field(KEY, first));
    }

    @Test
    void theFirstViewSetsTheDeviceCookieForAYearAndLaterViewsKeepIt() throws Exception {
        HttpResponse<String> first = client().get(PAGE);

        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .matches("noko_device=[A-Za-z0-9_-]{32}; .*")
                .containsIgnoringCase("; HttpOnly")
                .contains("; SameSite=Lax", "; Path=/", "; Max-Age=31536000")
                .doesNotContain("Secure");
        HttpResponse<String> again = client().get(PAGE);
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aFormPostIsStoredOnceAndRedirectsToTheReceiptEvenWhenSentTwice() throws Exception {
        String html = client().get(PAGE).body();
        Map<String, List<String>> form = validForm(html);
        // Answered although q1 is «Нет»: a browser without JavaScript shows and posts it; the server drops it.
        form.put("answers.q2", List.of("true"));
        form.put("email", List.of("Parent.Ivanova@example.ru"));

        HttpResponse<String> first = client().post(PAGE, form);
        HttpResponse<String> again = client().post(PAGE, form);

        assertThat(first.statusCode()).isEqualTo(303);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(PAGE + "/thanks/[0-9a-f-]{36}\\?v=[0-9a-f]{32}");
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location"))
                .as("the same receipt")
                .hasValue(location);
        String responseId = receiptIn(location);
        List<SurveyResponse> stored = storedWithId(responseId);
        assertThat(stored).hasSize(1);
        SurveyResponse response = stored.get(0);
        assertThat(response.getOrganizationId()).isEqualTo(SCHOOL);
        assertThat(response.getRespondentRole()).isEqualTo("parent");
        assertThat(response.getIdempotencyKey()).isEqualTo(field(KEY, html));
        assertThat(response.getClient().getDeviceToken())
                .as("the page's device cookie")
                .isEqualTo(client().device().orElseThrow());
        assertThat(response.getClient().getEmailHmac())
                .as("the e-mail only as its HMAC")
                .matches("[0-9a-f]{64}");
        assertThat(response.getClient().getIpAddress())
                .as("X-Forwarded-For counts only behind a configured proxy")
                .isEqualTo("127.0.0.1");
        Map<String, Object> answers = response.getAnswers().entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().toString(),
                        e -> e.getValue() instanceof CharSequence text ? text.toString() : e.getValue()));
        assertThat(answers)
                .doesNotContainKey("q2")
                .containsEntry("q1", false)
                .containsEntry("q3", true)
                .containsEntry("q17", 38L)
                .containsEntry("q16", "female")
                .containsEntry("q15", "Больше кружков");

        HttpResponse<String> thanks = client().get(location);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("Спасибо! Ваш ответ принят", responseId, SCHOOL_NAME);
    }

    @Test
    void wrongAnswersComeBackAs422WithTheAnswersKeptAndEachProblemNextToItsQuestion() throws Exception {
        Map<String, List<String>> form = validForm(client().get(PAGE).body());
        form.remove("answers.q5");
        form.put("answers.q17", List.of("сорок"));

        HttpResponse<String> answer = client().post(PAGE, form, null);

        assertThat(answer.statusCode()).isEqualTo(422);
        String html = answer.body();
        assertThat(html).contains("Проверьте ответы");
        assertThat(html)
                .containsPattern(
                        "<span class=\"error\" id=\"err-q17\">Введите число цифрами, например 12 или 3,5</span>");
        assertThat(html)
                .as("q17 comes first: it could not be read, so the questionnaire was not judged yet")
                .doesNotContain("id=\"err-q5\"");
        assertThat(html)
                .as("the respondent's answers stay")
                .contains("value=\"сорок\"")
                .containsPattern("id=\"a-q16-female\" value=\"female\" checked");

        form.put("answers.q17", List.of("38"));
        form.put("email", List.of("не почта"));
        String fixedOnce = client().post(PAGE, form, null).body();
        assertThat(fixedOnce)
                .contains("<span class=\"error\" id=\"err-q5\">Обязательный вопрос без ответа</span>")
                .contains("href=\"#q-q5\"")
                .contains("<span class=\"error\" id=\"email-error\">Неверный адрес электронной почты</span>")
                .contains("value=\"не почта\"");
    }

    @Test
    void otherAnswersUnderTheSamePagesKeyAre409SayingTheAnswerWasSent() throws Exception {
        Map<String, List<String>> form = validForm(client().get(PAGE).body());
        String first =
                client().post(PAGE, form, null).headers().firstValue("Location").orElseThrow();
        form.put("answers.q14", List.of("false"));

        HttpResponse<String> changed = client().post(PAGE, form, null);

        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(changed.body()).contains("<h1>Ответ уже отправлен</h1>", receiptIn(first));
    }

    @Test
    void aPostThatIsNotAFormIs415() throws Exception {
        HttpResponse<String> json = client().http()
                .send(
                        client().request(PAGE)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json.body()).contains("<h1>Анкета не распознана</h1>");
    }

    @Test
    void withoutARoleTheFormAsksWhoAnswers() throws Exception {
        Map<String, List<String>> form = validForm(client().get(PAGE).body());
        form.remove("respondentRole");

        HttpResponse<String> answer = client().post(PAGE, form, null);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("<span class=\"error\" id=\"role-error\">Выберите, кто Вы</span>");
    }

    @Test
    void anUnknownOrganizationOrCampaignIsAClear404Page() throws Exception {
        HttpResponse<String> organization = client().get("/s/" + CAMPAIGN + "/no-such-school");
        HttpResponse<String> campaign = client().get("/s/no-such-campaign/" + SCHOOL);
        HttpResponse<String> post = client().post(
                        "/s/" + CAMPAIGN + "/no-such-school",
                        validForm(client().get(PAGE).body()),
                        null);

        assertThat(organization.statusCode()).isEqualTo(404);
        assertThat(organization.body()).contains("<h1>Организация не найдена</h1>", "нет в реестре");
        assertThat(campaign.statusCode()).isEqualTo(404);
        assertThat(campaign.body()).contains("<h1>Анкета не найдена</h1>");
        assertThat(post.statusCode()).isEqualTo(404);
        HttpResponse<String> shortLink = client().get("/s/" + CAMPAIGN);
        assertThat(shortLink.statusCode()).isEqualTo(404);
        assertThat(shortLink.body()).contains("<h1>Страница не найдена</h1>");
    }

    @Test
    void outsideItsTypesWindowTheCampaignSaysWhenItRanOrWillRun() throws Exception {
        HttpResponse<String> closed = client().get("/s/" + WINDOWED_CAMPAIGN + "/" + SCHOOL);
        HttpResponse<String> notYet = client().get("/s/" + WINDOWED_CAMPAIGN + "/" + KINDERGARTEN);
        HttpResponse<String> lateForm = client().post(
                        "/s/" + WINDOWED_CAMPAIGN + "/" + SCHOOL,
                        validForm(client().get(PAGE).body()),
                        null);

        assertThat(closed.statusCode()).isEqualTo(403);
        assertThat(closed.body()).contains("<h1>Опрос завершён</h1>", "проходил с 1 марта 2020 г. по 14 марта 2020 г.");
        assertThat(notYet.statusCode()).isEqualTo(403);
        assertThat(notYet.body())
                .contains(
                        "<h1>Опрос ещё не начался</h1>",
                        "МБДОУ «Детский сад № 5»",
                        "с 1 февраля 2099 г. по 14 февраля 2099 г.");
        assertThat(lateForm.statusCode()).isEqualTo(403);
        assertThat(client().get(PAGE).statusCode())
                .as("a campaign without windows is open to every type")
                .isEqualTo(200);
    }

    @Test
    void anOversizedPostIs413AndAMalformedOneIs400() throws Exception {
        Map<String, List<String>> form = validForm(client().get(PAGE).body());
        form.put("answers.q15", List.of("очень длинный ответ ".repeat(5000)));
        HttpResponse<String> oversized = client().post(PAGE, form, null);
        HttpResponse<String> malformed = client().http()
                .send(
                        client().request(PAGE)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("idempotencyKey=%zz&startedAt=yesterday"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> withoutKey = validForm(client().get(PAGE).body());
        withoutKey.remove("idempotencyKey");

        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(oversized.body()).contains("<h1>Слишком длинные ответы</h1>");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("<h1>Анкета не распознана</h1>", "откройте анкету заново");
        assertThat(client().post(PAGE, withoutKey, null).statusCode()).isEqualTo(400);
    }

    @Test
    void aThanksPageForSomethingThatIsNoReceiptIs404() throws Exception {
        assertThat(client().get(PAGE + "/thanks/not-a-receipt").statusCode()).isEqualTo(404);
    }

    /** The receipt in a thank-you page's address. */
    static String receiptIn(String location) {
        return location.replaceAll(".*/thanks/([0-9a-f-]{36}).*", "$1");
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
