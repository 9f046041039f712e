package ru.noko.pipeline.response;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static final JsonFactory JSON = new JsonFactory();
    private static final long[] NO_COUNTS = new long[0];

    private ResponseRows() {}

    public static ResponseRow from(
            SurveyResponse response, int partition, long offset, Pseudonymizer pseudonymizer, Campaigns campaigns) {
        ClientMetadata client = response.getClient();
        ResponseRow row = new ResponseRow();
        row.responseId = response.getResponseId();
        row.campaignId = response.getCampaignId();
        row.organizationId = response.getOrganizationId();
        row.respondentRole = response.getRespondentRole();
        // Straight from the decoded map: this runs for every response the job reads.
        Map<String, Object> answers = response.getAnswers();
        row.answersJson = answersJson(answers);
        row.counts = counts(campaigns.find(row.campaignId), row.respondentRole, answers);
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

    /**
     * The answers as a JSON object with the question ids sorted, so a replay produces the same text: booleans, numbers,
     * strings, and arrays of strings for several options. Written with Jackson's generator rather than bound from a
     * sorted copy of the map, since every response the job reads passes here.
     */
    static String answersJson(Map<String, ?> answers) {
        String[] questions = answers.keySet().toArray(new String[0]);
        Arrays.sort(questions);
        StringWriter text = new StringWriter(32 * questions.length + 2);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (String question : questions) {
                json.writeFieldName(question);
                writeAnswer(json, answers.get(question));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    private static void writeAnswer(JsonGenerator json, Object answer) throws IOException {
        if (answer == null) {
            json.writeNull();
        } else if (answer instanceof Boolean yes) {
            json.writeBoolean(yes);
        } else if (answer instanceof Long number) {
            json.writeNumber(number);
        } else if (answer instanceof Integer number) {
            json.writeNumber(number);
        } else if (answer instanceof Double number) {
            json.writeNumber(number);
        } else if (answer instanceof CharSequence option) {
            json.writeString(option.toString());
        } else if (answer instanceof List<?> options) {
            json.writeStartArray();
            for (Object option : options) {
                json.writeString(option.toString());
            }
            json.writeEndArray();
        } else {
            throw new IllegalArgumentException("an answer is a boolean, a number, a string or a list of strings, not "
                    + answer.getClass().getSimpleName());
        }
    }

    /**
     * The model's counts of one response in its {@code counterIds} order ({@code countVector}, the counts the batch
     * command takes with {@code countsOf}); empty for an unknown campaign.
     */
    public static long[] counts(Optional<Campaign> campaign, String role, Map<String, ?> answers) {
        return campaign.isEmpty() ? NO_COUNTS : campaign.get().model().countVector(role, answers);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
