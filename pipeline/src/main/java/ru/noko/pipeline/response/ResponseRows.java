package ru.noko.pipeline.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.schemas.avro.ClientMetadata;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.privacy.Pseudonymizer;

/**
 * Flattens the Avro record into a {@link ResponseRow}, replacing the IP address by its HMAC and counting the answers
 * by the campaign's scoring model.
 */
public final class ResponseRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponseRows() {}

    public static ResponseRow from(
            SurveyResponse response, int partition, long offset, Pseudonymizer pseudonymizer, Campaigns campaigns) {
        ClientMetadata client = response.getClient();
        ResponseRow row = new ResponseRow();
        row.responseId = response.getResponseId();
        row.campaignId = response.getCampaignId();
        row.organizationId = response.getOrganizationId();
        row.respondentRole = response.getRespondentRole();
        Map<String, Object> answers = plainAnswers(response.getAnswers());
        row.answersJson = answersJson(answers);
        count(row, answers, campaigns.find(row.campaignId));
        row.startedAtMillis = response.getStartedAt().toEpochMilli();
        row.submittedAtMillis = response.getSubmittedAt().toEpochMilli();
        row.receivedAtMillis = response.getReceivedAt().toEpochMilli();
        row.ipHmac = pseudonymizer.ipAddress(client.getIpAddress());
        row.userAgent = orEmpty(client.getUserAgent());
        row.deviceToken = orEmpty(client.getDeviceToken());
        row.emailHmac = orEmpty(client.getEmailHmac());
        row.idempotencyKey = orEmpty(response.getIdempotencyKey());
        row.kafkaPartition = partition;
        row.kafkaOffset = offset;
        return row;
    }

    /** The answers with plain Java values, sorted by question id, so a replay produces the same JSON. */
    static Map<String, Object> plainAnswers(Map<String, Object> answers) {
        Map<String, Object> sorted = new TreeMap<>();
        answers.forEach((question, answer) -> sorted.put(question, plain(answer)));
        return sorted;
    }

    static String answersJson(Map<String, Object> sortedAnswers) {
        try {
            return JSON.writeValueAsString(sortedAnswers);
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

    /** The counts the campaign's model takes from the answers: the same {@code countsOf} the batch command uses. */
    private static void count(ResponseRow row, Map<String, Object> answers, Optional<Campaign> campaign) {
        row.counts = counts(campaign, row.respondentRole, answers);
    }

    /** The model's counts of one response in its {@code counterIds} order; empty for an unknown campaign. */
    public static long[] counts(Optional<Campaign> campaign, String role, Map<String, ?> answers) {
        Map<String, Long> counts =
                campaign.isEmpty() ? Map.of() : campaign.get().model().countsOf(role, answers);
        return counts.values().stream().mapToLong(Long::longValue).toArray();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
