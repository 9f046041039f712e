package ru.noko.gateway.crosssite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Test bodies for the JSON API with the submission token the questionnaire would have come with, made by the test
 * context's own {@link SubmissionTokens} (the same key as the gateway's) for the body's campaign, organization and
 * device token. A body that is not a JSON object is left as it is.
 */
public final class SignedBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedBodies() {}

    public static String signed(SubmissionTokens tokens, String body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (Exception e) {
            return body;
        }
        if (!(tree instanceof ObjectNode object) || object.has("submissionToken")) {
            return body;
        }
        String token = tokens.issue(
                text(object, "campaignId"),
                text(object, "organizationId"),
                text(object, "deviceToken"),
                null,
                Instant.now());
        // Written into the text rather than re-serialized, so the test's body stays byte for byte what it was.
        int brace = body.indexOf('{');
        String separator = object.isEmpty() ? "" : ", ";
        return body.substring(0, brace + 1) + "\"submissionToken\": \"" + token + "\"" + separator
                + body.substring(brace + 1);
    }

    private static String text(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
