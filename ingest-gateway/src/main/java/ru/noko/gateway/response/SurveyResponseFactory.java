package ru.noko.gateway.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.privacy.Pseudonymizer;

/** Turns a validated submission and what the gateway saw of the client into the Avro record for Kafka. */
@Component
class SurveyResponseFactory {

    static final int MAX_USER_AGENT = 512;

    private final Pseudonymizer pseudonymizer;

    SurveyResponseFactory(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = pseudonymizer;
    }

    /** @param idempotencyKey the client's key, or null */
    SurveyResponse create(
            SubmittedResponse submitted,
            String responseId,
            String idempotencyKey,
            String ipAddress,
            String userAgent,
            Instant receivedAt) {
        return SurveyResponse.newBuilder()
                .setResponseId(responseId)
                .setIdempotencyKey(idempotencyKey)
                .setCampaignId(submitted.campaignId())
                .setOrganizationId(submitted.organizationId())
                .setRespondentRole(submitted.respondentRole())
                .setAnswers(answers(submitted.answers()))
                .setStartedAt(submitted.startedAt())
                .setSubmittedAt(submitted.submittedAt())
                .setReceivedAt(receivedAt)
                .setClient(ClientMetadata.newBuilder()
                        .setIpAddress(ipAddress)
                        .setUserAgent(userAgent == null ? null : truncate(userAgent, MAX_USER_AGENT))
                        .setDeviceToken(submitted.deviceToken())
                        .setEmailHmac(submitted.email() == null ? null : pseudonymizer.email(submitted.email()))
                        .build())
                .build();
    }

    /** JSON answers, already checked by {@link AnswerRules}, as the Avro union boolean | long | double | string | array. */
    private static Map<String, Object> answers(Map<String, JsonNode> answers) {
        Map<String, Object> values = new LinkedHashMap<>();
        answers.forEach((question, answer) -> values.put(question, value(answer)));
        return values;
    }

    static Object value(JsonNode answer) {
        if (answer.isBoolean()) {
            return answer.booleanValue();
        }
        if (answer.isIntegralNumber()) {
            return answer.longValue();
        }
        if (answer.isNumber()) {
            return answer.doubleValue();
        }
        if (answer.isArray()) {
            List<String> options = new ArrayList<>(answer.size());
            answer.forEach(option -> options.add(option.textValue()));
            return options;
        }
        return answer.textValue();
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
