package ru.noko.gateway.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import ru.noko.gateway.crosssite.SignedBodies;
import ru.noko.gateway.crosssite.SubmissionTokens;
import ru.noko.gateway.system.BrokerUnavailableException;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * Bad input never reaches Kafka and always gets a 4xx JSON problem naming the field and the rule. The Kafka side is
 * stubbed here; {@code GatewayKafkaIntegrationTest} covers it against a real broker.
 */
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
            "noko.kafka.bootstrap-servers=127.0.0.1:1",
            // No broker on purpose: its clients' reconnect warnings, once a second, would say nothing.
            "logging.level.org.apache.kafka=ERROR"
        })
class ResponseValidationTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    int port;

    /** Through the real server, as a respondent's phone reaches it (the mock binding has no client address). */
    WebTestClient client;

    @MockitoBean
    ResponsePublisher publisher;

    @Autowired
    SubmissionTokens tokens;

    @BeforeEach
    void brokerAcknowledges() {
        client =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        when(publisher.publish(any())).thenReturn(CompletableFuture.completedFuture(null));
    }

    @Test
    void validResponseIsAcceptedWithItsIdAfterTheBrokerAcknowledges() {
        submit(Submissions.VALID)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.responseId")
                .value(matchesPattern("[0-9a-f-]{36}"));

        ArgumentCaptor<SurveyResponse> sent = ArgumentCaptor.forClass(SurveyResponse.class);
        verify(publisher).publish(sent.capture());
        SurveyResponse response = sent.getValue();
        assertThat(response.getOrganizationId()).isEqualTo("3808012345-school-7");
        assertThat(response.getAnswers())
                .containsEntry("q1", true)
                .containsEntry("q17", 38L)
                .containsEntry("q16", "female")
                .containsEntry("q15", "Больше кружков")
                .doesNotContainKey("q7");
        assertThat(response.getClient().getEmailHmac()).matches("[0-9a-f]{64}");
        assertThat(response.toString()).doesNotContainIgnoringCase("ivanova");
        assertThat(response.getClient().getIpAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void responseNotAcknowledgedByKafkaIs503WithRetryAfter() {
        when(publisher.publish(any()))
                .thenReturn(
                        CompletableFuture.failedFuture(new BrokerUnavailableException("down", new RuntimeException())));
        submit(Submissions.VALID)
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .value("Retry-After", matchesPattern("\\d+"))
                .expectHeader()
                .contentTypeCompatibleWith(PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(503);
    }

    @Nested
    class Resubmission {

        @Test
        void theSameKeyAndBodyGetTheSameReceiptAndAreSentOnce() {
            String first = receipt(submitWithKey("form-123", Submissions.VALID));
            String again = receipt(submitWithKey("form-123", Submissions.VALID.replace("  ", " ")));

            assertThat(again).isEqualTo(first);
            verify(publisher, times(1)).publish(any());
        }

        @Test
        void concurrentResubmissionsWaitForTheFirstAndAreSentOnce() throws Exception {
            CompletableFuture<Void> acknowledgement = new CompletableFuture<>();
            when(publisher.publish(any())).thenReturn(acknowledgement);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<String>> receipts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                receipts.add(clients.submit(() -> receipt(submitWithKey("form-concurrent", Submissions.VALID))));
            }
            Thread.sleep(500);
            acknowledgement.complete(null);

            assertThat(receipts.stream().map(GatewayFutures::get).distinct()).hasSize(1);
            verify(publisher, times(1)).publish(any());
            clients.shutdown();
        }

        @Test
        void anotherBodyUnderAKeyThisGatewayKnowsIs409() {
            receipt(submitWithKey("form-9", Submissions.VALID));

            submitWithKey("form-9", Submissions.validWithAnswer("q13", "false"))
                    .expectStatus()
                    .isEqualTo(409)
                    .expectHeader()
                    .contentTypeCompatibleWith(PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("Idempotency-Key")
                    .jsonPath("$.errors[0].rule")
                    .isEqualTo("reused-for-another-body")
                    .jsonPath("$.detail")
                    .value(containsString("другим содержанием"));
            verify(publisher, times(1)).publish(any());
        }

        @Test
        void aResubmissionAfterAFailedAttemptIsSentAgain() {
            when(publisher.publish(any()))
                    .thenReturn(
                            CompletableFuture.failedFuture(
                                    new BrokerUnavailableException("down", new RuntimeException())),
                            CompletableFuture.completedFuture(null));

            submitWithKey("form-retry", Submissions.VALID).expectStatus().isEqualTo(503);
            receipt(submitWithKey("form-retry", Submissions.VALID));

            verify(publisher, times(2)).publish(any());
        }

        @Test
        void withoutAKeyEverySubmissionIsAResponseOfItsOwn() {
            assertThat(receipt(submit(Submissions.VALID))).isNotEqualTo(receipt(submit(Submissions.VALID)));
        }

        @Test
        void aKeyOfTheWrongShapeIsNamed() {
            error(
                    rejected(submitWithKey("has spaces and ünïcode", Submissions.VALID), 400),
                    "Idempotency-Key",
                    "format");
        }

        private WebTestClient.ResponseSpec submitWithKey(String key, String body) {
            return client.post()
                    .uri("/api/v1/responses")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", key)
                    .bodyValue(SignedBodies.signed(tokens, body))
                    .exchange();
        }

        private String receipt(WebTestClient.ResponseSpec result) {
            return new String(
                            result.expectStatus()
                                    .isAccepted()
                                    .expectBody()
                                    .returnResult()
                                    .getResponseBodyContent(),
                            java.nio.charset.StandardCharsets.UTF_8)
                    .replaceAll(".*\"responseId\":\"([^\"]+)\".*", "$1");
        }
    }

    /** A future's value in a stream, its failure as an assertion error. */
    private static final class GatewayFutures {
        static String get(Future<String> future) {
            try {
                return future.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    class MalformedBody {

        @Test
        void malformedJsonNamesTheBody() {
            error(rejected(submit("{\"campaignId\": \"irk\", "), 400), "body", "json");
        }

        @Test
        void emptyBodyIsRejected() {
            error(rejected(submit(""), 400), "body", "required");
        }

        @Test
        void jsonArrayInsteadOfObjectIsRejected() {
            rejected(submit("[1, 2]"), 400).jsonPath("$.errors[0].rule").isEqualTo("type");
        }

        @Test
        void tenMegabyteBodyIs413() {
            String huge = "{\"campaignId\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";
            error(rejected(submit(huge), 413), "body", "max-size");
        }

        @Test
        void otherContentTypeIs415() {
            error(
                    rejected(
                            client.post()
                                    .uri("/api/v1/responses")
                                    .contentType(MediaType.TEXT_PLAIN)
                                    .bodyValue("hello")
                                    .exchange(),
                            415),
                    "Content-Type",
                    "media-type");
        }
    }

    @Nested
    class MissingFields {

        @Test
        void emptyObjectNamesEveryRequiredField() {
            rejected(submit("{}"), 400)
                    .jsonPath("$.errors[*].field")
                    .value(hasItems(
                            "campaignId", "organizationId", "respondentRole", "answers", "startedAt", "submittedAt"));
        }

        @ParameterizedTest
        @CsvSource({"campaignId", "organizationId", "respondentRole", "answers", "startedAt", "submittedAt"})
        void eachRequiredFieldIsNamedWhenMissing(String field) {
            error(rejected(submit(Submissions.validWith(field, null)), 400), field, "required");
        }

        @Test
        void emptyAnswersAreRejected() {
            error(rejected(submit(Submissions.validWith("answers", "{}")), 400), "answers", "required");
        }
    }

    @Nested
    class WrongTypes {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "campaignId     | 123                     | type",
                    "organizationId | true                    | type",
                    "respondentRole | [\"parent\"]            | type",
                    "answers        | \"all good\"            | type",
                    "answers        | [1, 2]                  | type",
                    "startedAt      | \"yesterday\"           | format",
                    "submittedAt    | \"2026-02-31T10:00:00\" | format",
                    "deviceToken    | 42                      | type"
                })
        void wrongTypeNamesTheField(String field, String json, String rule) {
            error(rejected(submit(Submissions.validWith(field, json)), 400), field, rule);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{\"q1\": {\"nested\": 1}}  | answers.q1    | type",
                    "{\"q1\": null}             | answers.q1    | required",
                    "{\"q1\": \"  \"}           | answers.q1    | required",
                    "{\"q1\": [1]}              | answers.q1[0] | type",
                    "{\"q1\": []}               | answers.q1    | size",
                    "{\"bad id!\": true}        | answers.bad id! | format"
                })
        void badAnswerNamesTheQuestion(String answers, String field, String rule) {
            error(rejected(submit(Submissions.validWith("answers", answers)), 400), field, rule);
        }

        @Test
        void unknownFieldIsNamed() {
            error(rejected(submit(Submissions.validWith("password", "\"secret\"")), 400), "password", "unknown-field");
        }
    }

    @Nested
    class BadFormats {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "campaignId     | \"кампания 2026\"      | format",
                    "campaignId     | \"-starts-with-dash\" | format",
                    "campaignId     | \"\"                  | required",
                    "organizationId | \"../../etc/passwd\"  | format",
                    "organizationId | \"" + "a" + "\"       | ok",
                    "respondentRole | \"Parent\"            | format",
                    "deviceToken    | \"short\"             | format",
                    "email          | \"not-an-email\"      | email"
                })
        void badFormatNamesTheFieldAndRule(String field, String json, String rule) {
            if (rule.equals("ok")) {
                submit(Submissions.validWith(field, json)).expectStatus().isAccepted();
                return;
            }
            error(rejected(submit(Submissions.validWith(field, json)), 400), field, rule);
        }

        @Test
        void tooLongOrganizationIdIsRejected() {
            error(
                    rejected(submit(Submissions.validWith("organizationId", "\"" + "a".repeat(65) + "\"")), 400),
                    "organizationId",
                    "format");
        }

        @Test
        void startedAfterSubmittedIsRejected() {
            error(
                    rejected(submit(Submissions.validWith("startedAt", "\"2026-02-01T11:00:00Z\"")), 400),
                    "startedAt",
                    "order");
        }

        @Test
        void submittedInTheFutureIsRejected() {
            error(
                    rejected(submit(Submissions.validWith("submittedAt", "\"2999-01-01T00:00:00Z\"")), 400),
                    "submittedAt",
                    "future");
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            String body = Submissions.validWith("campaignId", "\"кампания\"")
                    .replace("\"respondentRole\": \"parent\"", "\"respondentRole\": \"X\"");
            rejected(submit(body), 400).jsonPath("$.errors[*].field").value(hasItems("campaignId", "respondentRole"));
        }
    }

    @Nested
    class QuestionnaireRules {

        @Test
        void aCampaignThisDeploymentDoesNotRunIsRejected() {
            error(
                    rejected(submit(Submissions.validWith("campaignId", "\"no-such-campaign\"")), 400),
                    "campaignId",
                    "unknown-campaign");
        }

        @Test
        void aRoleTheQuestionnaireIsNotForIsRejected() {
            error(
                    rejected(submit(Submissions.validWith("respondentRole", "\"director\"")), 400),
                    "respondentRole",
                    "role");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "q99 | true        | answers.q99 | unknown-question",
                    "q5  |             | answers.q5  | required",
                    "q7  | true        | answers.q7  | hidden-by-skip-logic",
                    "q1  | \"да\"      | answers.q1  | type",
                    "q16 | \"other\"   | answers.q16 | not-an-option",
                    "q17 | 5           | answers.q17 | range"
                })
        void answersThatDoNotFitTheQuestionnaireNameTheQuestionAndRule(
                String question, String json, String field, String rule) {
            error(rejected(submit(Submissions.validWithAnswer(question, json)), 400), field, rule);
        }

        @Test
        void everyQuestionnaireProblemIsReportedAtOnce() {
            String body = Submissions.validWithAnswer("q5", null).replace("\"q10\": false", "\"q10\": \"no\"");
            rejected(submit(body), 400).jsonPath("$.errors[*].field").value(hasItems("answers.q5", "answers.q10"));
        }
    }

    private WebTestClient.ResponseSpec submit(String body) {
        return client.post()
                .uri("/api/v1/responses")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SignedBodies.signed(tokens, body))
                .exchange();
    }

    private WebTestClient.BodyContentSpec rejected(WebTestClient.ResponseSpec result, int status) {
        WebTestClient.BodyContentSpec body = result.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.title")
                .isNotEmpty();
        verify(publisher, never()).publish(any());
        return body;
    }

    private static void error(WebTestClient.BodyContentSpec body, String field, String rule) {
        body.jsonPath("$.errors[?(@.field == '" + field + "')].rule").value(hasItem(rule));
    }
}
