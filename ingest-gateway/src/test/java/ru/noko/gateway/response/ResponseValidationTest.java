package ru.noko.gateway.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import ru.noko.gateway.system.BrokerUnavailableException;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * Bad input never reaches Kafka and always gets a 4xx JSON problem naming the field and the rule. The Kafka side is
 * stubbed here; {@code GatewayKafkaIntegrationTest} covers it against a real broker.
 */
@SpringBootTest(properties = {
        "noko.pseudonym-key=test-key-0123456789-0123456789-0123456789",
        "noko.kafka.bootstrap-servers=127.0.0.1:1"})
@AutoConfigureMockMvc
class ResponseValidationTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ResponsePublisher publisher;

    @BeforeEach
    void brokerAcknowledges() {
        when(publisher.publish(any())).thenReturn(CompletableFuture.completedFuture(null));
    }

    @Test
    void validResponseIsAcceptedWithItsIdAfterTheBrokerAcknowledges() throws Exception {
        MvcResult started = submit(Submissions.VALID).andExpect(request().asyncStarted()).andReturn();

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.responseId", matchesPattern("[0-9a-f-]{36}")));

        ArgumentCaptor<SurveyResponse> sent = ArgumentCaptor.forClass(SurveyResponse.class);
        verify(publisher).publish(sent.capture());
        SurveyResponse response = sent.getValue();
        assertThat(response.getOrganizationId()).isEqualTo("3808012345-school-7");
        assertThat(response.getAnswers()).containsEntry("q1", true).containsEntry("q17", 38L)
                .containsEntry("q16", "female").containsEntry("q15", "Больше кружков").doesNotContainKey("q7");
        assertThat(response.getClient().getEmailHmac()).matches("[0-9a-f]{64}");
        assertThat(response.toString()).doesNotContainIgnoringCase("ivanova");
        assertThat(response.getClient().getIpAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void responseNotAcknowledgedByKafkaIs503WithRetryAfter() throws Exception {
        when(publisher.publish(any())).thenReturn(
                CompletableFuture.failedFuture(new BrokerUnavailableException("down", new RuntimeException())));
        MvcResult started = submit(Submissions.VALID).andExpect(request().asyncStarted()).andReturn();

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", matchesPattern("\\d+")))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(503));
    }

    @Nested
    class MalformedBody {

        @Test
        void malformedJsonNamesTheBody() throws Exception {
            rejected(submit("{\"campaignId\": \"irk\", "), 400).andExpect(error("body", "json"));
        }

        @Test
        void emptyBodyIsRejected() throws Exception {
            rejected(submit(""), 400).andExpect(error("body", "required"));
        }

        @Test
        void jsonArrayInsteadOfObjectIsRejected() throws Exception {
            rejected(submit("[1, 2]"), 400).andExpect(jsonPath("$.errors[0].rule").value("type"));
        }

        @Test
        void tenMegabyteBodyIs413() throws Exception {
            String huge = "{\"campaignId\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";
            rejected(submit(huge), 413).andExpect(error("body", "max-size"));
        }

        @Test
        void otherContentTypeIs415() throws Exception {
            rejected(mvc.perform(MockMvcRequestBuilders.post("/api/v1/responses").contentType(MediaType.TEXT_PLAIN).content("hello")), 415)
                    .andExpect(error("Content-Type", "media-type"));
        }
    }

    @Nested
    class MissingFields {

        @Test
        void emptyObjectNamesEveryRequiredField() throws Exception {
            rejected(submit("{}"), 400).andExpect(jsonPath("$.errors[*].field", hasItems(
                    "campaignId", "organizationId", "respondentRole", "answers", "startedAt", "submittedAt")));
        }

        @ParameterizedTest
        @CsvSource({"campaignId", "organizationId", "respondentRole", "answers", "startedAt", "submittedAt"})
        void eachRequiredFieldIsNamedWhenMissing(String field) throws Exception {
            rejected(submit(Submissions.validWith(field, null)), 400).andExpect(error(field, "required"));
        }

        @Test
        void emptyAnswersAreRejected() throws Exception {
            rejected(submit(Submissions.validWith("answers", "{}")), 400).andExpect(error("answers", "required"));
        }
    }

    @Nested
    class WrongTypes {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "campaignId     | 123                     | type",
                "organizationId | true                    | type",
                "respondentRole | [\"parent\"]            | type",
                "answers        | \"all good\"            | type",
                "answers        | [1, 2]                  | type",
                "startedAt      | \"yesterday\"           | format",
                "submittedAt    | \"2026-02-31T10:00:00\" | format",
                "deviceToken    | 42                      | type"})
        void wrongTypeNamesTheField(String field, String json, String rule) throws Exception {
            rejected(submit(Submissions.validWith(field, json)), 400).andExpect(error(field, rule));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"q1\": {\"nested\": 1}}  | answers.q1    | type",
                "{\"q1\": null}             | answers.q1    | required",
                "{\"q1\": \"  \"}           | answers.q1    | required",
                "{\"q1\": [1]}              | answers.q1[0] | type",
                "{\"q1\": []}               | answers.q1    | size",
                "{\"bad id!\": true}        | answers.bad id! | format"})
        void badAnswerNamesTheQuestion(String answers, String field, String rule) throws Exception {
            rejected(submit(Submissions.validWith("answers", answers)), 400).andExpect(error(field, rule));
        }

        @Test
        void unknownFieldIsNamed() throws Exception {
            rejected(submit(Submissions.validWith("password", "\"secret\"")), 400).andExpect(error("password", "unknown-field"));
        }
    }

    @Nested
    class BadFormats {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "campaignId     | \"кампания 2026\"      | format",
                "campaignId     | \"-starts-with-dash\" | format",
                "campaignId     | \"\"                  | required",
                "organizationId | \"../../etc/passwd\"  | format",
                "organizationId | \"" + "a" + "\"       | ok",
                "respondentRole | \"Parent\"            | format",
                "deviceToken    | \"short\"             | format",
                "email          | \"not-an-email\"      | email"})
        void badFormatNamesTheFieldAndRule(String field, String json, String rule) throws Exception {
            if (rule.equals("ok")) {
                submit(Submissions.validWith(field, json)).andExpect(request().asyncStarted());
                return;
            }
            rejected(submit(Submissions.validWith(field, json)), 400).andExpect(error(field, rule));
        }

        @Test
        void tooLongOrganizationIdIsRejected() throws Exception {
            rejected(submit(Submissions.validWith("organizationId", "\"" + "a".repeat(65) + "\"")), 400)
                    .andExpect(error("organizationId", "format"));
        }

        @Test
        void startedAfterSubmittedIsRejected() throws Exception {
            rejected(submit(Submissions.validWith("startedAt", "\"2026-02-01T11:00:00Z\"")), 400)
                    .andExpect(error("startedAt", "order"));
        }

        @Test
        void submittedInTheFutureIsRejected() throws Exception {
            rejected(submit(Submissions.validWith("submittedAt", "\"2999-01-01T00:00:00Z\"")), 400)
                    .andExpect(error("submittedAt", "future"));
        }

        @Test
        void everyProblemIsReportedAtOnce() throws Exception {
            String body = Submissions.validWith("campaignId", "\"кампания\"")
                    .replace("\"respondentRole\": \"parent\"", "\"respondentRole\": \"X\"");
            rejected(submit(body), 400).andExpect(jsonPath("$.errors[*].field", hasItems("campaignId", "respondentRole")));
        }
    }

    @Nested
    class QuestionnaireRules {

        @Test
        void aCampaignThisDeploymentDoesNotRunIsRejected() throws Exception {
            rejected(submit(Submissions.validWith("campaignId", "\"no-such-campaign\"")), 400)
                    .andExpect(error("campaignId", "unknown-campaign"));
        }

        @Test
        void aRoleTheQuestionnaireIsNotForIsRejected() throws Exception {
            rejected(submit(Submissions.validWith("respondentRole", "\"director\"")), 400)
                    .andExpect(error("respondentRole", "role"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "q99 | true        | answers.q99 | unknown-question",
                "q5  |             | answers.q5  | required",
                "q7  | true        | answers.q7  | hidden-by-skip-logic",
                "q1  | \"да\"      | answers.q1  | type",
                "q16 | \"other\"   | answers.q16 | not-an-option",
                "q17 | 5           | answers.q17 | range"})
        void answersThatDoNotFitTheQuestionnaireNameTheQuestionAndRule(String question, String json, String field,
                String rule) throws Exception {
            rejected(submit(Submissions.validWithAnswer(question, json)), 400).andExpect(error(field, rule));
        }

        @Test
        void everyQuestionnaireProblemIsReportedAtOnce() throws Exception {
            String body = Submissions.validWithAnswer("q5", null).replace("\"q10\": false", "\"q10\": \"no\"");
            rejected(submit(body), 400).andExpect(jsonPath("$.errors[*].field", hasItems("answers.q5", "answers.q10")));
        }
    }

    private ResultActions submit(String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/api/v1/responses").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions rejected(ResultActions result, int status) throws Exception {
        verify(publisher, never()).publish(any());
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isNotEmpty());
    }

    private static org.springframework.test.web.servlet.ResultMatcher error(String field, String rule) {
        return jsonPath("$.errors[?(@.field == '" + field + "')].rule", hasItem(rule));
    }
}
