package ru.noko.pipeline.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.privacy.Pseudonymizer;

/** Flattens the Avro record into a {@link ResponseRow}, replacing the IP address by its HMAC. */
public final class ResponseRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponseRows() {}

    public static ResponseRow from(SurveyResponse response, int partition, long offset, Pseudonymizer pseudonymizer) {
        ClientMetadata client = response.getClient();
        ResponseRow row = new ResponseRow();
        row.responseId = response.getResponseId();
        row.campaignId = response.getCampaignId();
        row.organizationId = response.getOrganizationId();
        row.respondentRole = response.getRespondentRole();
        row.answersJson = answersJson(response.getAnswers());
        row.startedAtMillis = response.getStartedAt().toEpochMilli();
        row.submittedAtMillis = response.getSubmittedAt().toEpochMilli();
        row.receivedAtMillis = response.getReceivedAt().toEpochMilli();
        row.ipHmac = pseudonymizer.ipAddress(client.getIpAddress());
        row.userAgent = orEmpty(client.getUserAgent());
        row.deviceToken = orEmpty(client.getDeviceToken());
        row.emailHmac = orEmpty(client.getEmailHmac());
        row.kafkaPartition = partition;
        row.kafkaOffset = offset;
        return row;
    }

    static String answersJson(Map<String, Object> answers) {
        Map<String, Object> sorted = new TreeMap<>();
        answers.forEach((question, answer) -> sorted.put(question, plain(answer)));
        try {
            return JSON.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answers of booleans, numbers and strings always serialize", e);
        }
    }

    /** Avro hands out its own string and array types; JSON wants plain ones. */
    private static Object plain(Object answer) {
        if (answer instanceof CharSequence text) {
            return text.toString();
        }
        if (answer instanceof List<?> options) {
            List<String> values = new ArrayList<>(options.size());
            options.forEach(option -> values.add(option.toString()));
            return values;
        }
        return answer;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
