package ru.noko.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * A respondent on a phone: Debian's headless Chromium (360 × 740) driven by playwright-core
 * ({@code src/test/browser/survey-page.mjs}, installed by {@code ./noko setup}) opens the page of a real gateway on a
 * real Kafka, sends it empty once, answers with skip logic in a fresh view, taps «Отправить» twice on a slow network
 * and reads the receipt; then, in a campaign that confirms addresses, gives an address, reads the code from the
 * letter in the local outbox folder ({@code src/test/browser/email-confirmation.mjs}), mistypes it once, enters it and
 * answers. axe-core audits every page it sees. The screenshots stay in {@code target/} (README's picture: {@code docs/survey-page.png}).
 */
class SurveyPageBrowserTest extends SurveyPageStack {

    private static final Path ROOT =
            Path.of(System.getProperty("noko.projectRoot", "..")).toAbsolutePath();
    private static final Path SCRIPTS = ROOT.resolve("ingest-gateway/src/test/browser");
    private static final Path SCREENSHOTS = ROOT.resolve("ingest-gateway/target");

    @LocalServerPort
    int port;

    @Test
    void aRespondentOnAPhoneAnswersWithSkipLogicSubmitsTwiceAndIsStoredOnce() throws Exception {
        JsonNode run = browse("http://127.0.0.1:" + port + PAGE);
        JsonNode steps = run.get("steps");
        System.out.println("browser run: " + run);

        assertThat(run.get("pageErrors")).as("no script errors").isEmpty();
        assertThat(run.get("consoleErrors"))
                .as("nothing refused by the page's security policy: the skip logic below ran under it")
                .isEmpty();
        assertThat(steps.get("title").asText()).startsWith("Независимая оценка качества");
        assertThat(steps.get("q2HiddenAtFirst").asBoolean())
                .as("q2 waits for q1")
                .isTrue();
        assertThat(steps.get("emptyPostTitle").asText()).isEqualTo("Проверьте ответы");
        assertThat(steps.get("roleError").asText()).isEqualTo("Выберите, кто Вы");
        assertThat(steps.get("summaryFocused").asText())
                .as("screen readers start at the problems")
                .isEqualTo("problems");
        assertThat(steps.get("roleByKeyboard").asBoolean()).isTrue();
        assertThat(steps.get("q2ShownAfterYes").asBoolean())
                .as("q1 «Да» shows q2")
                .isTrue();
        assertThat(steps.get("q4HiddenAfterNo").asBoolean())
                .as("q3 «Нет» keeps q4 hidden")
                .isTrue();
        assertThat(steps.get("thanksHeading").asText()).isEqualTo("Спасибо! Ваш ответ принят");
        assertThat(List.of(
                        steps.get("overflowsOnOpen").asBoolean(),
                        steps.get("overflowsAnswered").asBoolean(),
                        steps.get("overflowsThanks").asBoolean()))
                .as("nothing wider than a 360 px screen")
                .containsOnly(false);
        assertThat(run.get("audits"))
                .as("axe-core audited the empty form, its problems, the answers and the receipt")
                .hasSize(4)
                .allSatisfy(audit -> assertThat(audit.get("rules").asInt()).isGreaterThan(50));
        assertThat(run.get("violations"))
                .as("axe-core finds no accessibility violations")
                .isEmpty();
        assertThat(SCREENSHOTS.resolve("survey-page.png")).isNotEmptyFile();

        String receipt = run.get("receipt").asText();
        assertThat(steps.get("posts").asInt()).as("both taps posted the form").isEqualTo(2);
        assertThat(steps.get("firstAnswer").get("status").asInt()).isEqualTo(303);
        assertThat(steps.get("firstAnswer").get("location").asText())
                .as("the first tap's receipt is the one shown")
                .contains("/thanks/" + receipt + "?v=");
        List<SurveyResponse> stored = storedWithId(receipt);
        assertThat(stored).as("a double tap is one response").hasSize(1);
        assertThat(stored.get(0).getAnswers()).containsKeys("q1", "q2").doesNotContainKeys("q4", "q7", "q11");
        assertThat(stored.get(0).getClient().getDeviceToken())
                .as("from the page's cookie")
                .matches("[A-Za-z0-9_-]{32}");
    }

    @Test
    void aRespondentConfirmsTheAddressWithTheCodeFromTheLetterAndAnswers() throws Exception {
        String address = "browser." + System.nanoTime() + "@example.ru";
        JsonNode run = browse(
                "email-confirmation.mjs",
                "http://127.0.0.1:" + port + "/s/" + EMAIL_CAMPAIGN + "/" + SCHOOL,
                outbox().folder().toString(),
                address);
        JsonNode steps = run.get("steps");
        System.out.println("browser run: " + run);

        assertThat(run.get("pageErrors")).as("no script errors").isEmpty();
        assertThat(run.get("consoleErrors"))
                .as("nothing refused by the pages' security policy")
                .isEmpty();
        assertThat(steps.get("addressHeading").asText()).isEqualTo("Подтвердите адрес электронной почты");
        assertThat(steps.get("codeHeading").asText()).isEqualTo("Введите код из письма");
        assertThat(steps.get("wrongCode").asText()).isEqualTo("Неверный код. Осталось попыток: 4.");
        assertThat(steps.get("confirmed").asText()).contains(address, "подтверждён");
        assertThat(run.get("audits"))
                .as("axe-core audited the address, the code, a wrong code and the questionnaire")
                .hasSize(4);
        assertThat(run.get("violations"))
                .as("axe-core finds no accessibility violations")
                .isEmpty();
        List<SurveyResponse> stored = storedWithId(run.get("receipt").asText());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getClient().getEmailHmac()).matches("[0-9a-f]{64}");
    }

    private static JsonNode browse(String url) throws Exception {
        return browse("survey-page.mjs", url, SCREENSHOTS.toString());
    }

    private static JsonNode browse(String script, String... arguments) throws Exception {
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))
                || !Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new IllegalStateException("playwright-core or Chromium is not installed: run ./noko setup");
        }
        Files.createDirectories(SCREENSHOTS);
        List<String> command = new java.util.ArrayList<>(
                List.of("node", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(arguments));
        Process node = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String stdout = utf8(node.getInputStream().readAllBytes());
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new IllegalStateException("the browser did not finish in 120 s");
        }
        if (node.exitValue() != 0 || stdout.isBlank()) {
            throw new IllegalStateException(
                    "the browser run failed (exit " + node.exitValue() + "); see its output above");
        }
        return new ObjectMapper().readTree(stdout);
    }
}
