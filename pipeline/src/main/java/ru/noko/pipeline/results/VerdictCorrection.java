package ru.noko.pipeline.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import ru.noko.methodology.campaign.Campaign;

/**
 * A verdict the batch re-check corrected so that the response now counts, or no longer counts, in its
 * organization's figures: {@code {"campaignId", "organizationId", "responseId", "respondentRole", "counted": true,
 * "counts": [...]}} on the verdict-corrections topic, the counts in the campaign model's {@code counterIds} order.
 * The live figures add or take away the response's counts, once per response and direction.
 *
 * @param counted whether the response counts after the correction (accepted or review)
 */
public record VerdictCorrection(
        String campaignId,
        String organizationId,
        String responseId,
        String respondentRole,
        boolean counted,
        long[] counts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("campaignId", campaignId);
        node.put("organizationId", organizationId);
        node.put("responseId", responseId);
        node.put("respondentRole", respondentRole);
        node.put("counted", counted);
        var array = node.putArray("counts");
        for (long count : counts) {
            array.add(count);
        }
        return node.toString();
    }

    /** Reads and checks a correction against its campaign's model. */
    public static VerdictCorrection parse(String text, Campaign campaign) throws IOException {
        VerdictCorrection correction = parse(text);
        correction.check(campaign);
        return correction;
    }

    /**
     * Reads a correction: every field present, the counts whole numbers of at least 0. How many counts the campaign's
     * model keeps is {@link #check}ed where the campaign is known.
     */
    public static VerdictCorrection parse(String text) throws IOException {
        JsonNode node = JSON.readTree(text);
        JsonNode counts = node.path("counts");
        if (!counts.isArray() || !node.path("counted").isBoolean()) {
            throw new IllegalArgumentException("counted (true/false) and the counts are required");
        }
        long[] values = new long[counts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counts.get(i).asLong(-1);
            if (!counts.get(i).canConvertToLong() || values[i] < 0) {
                throw new IllegalArgumentException("counts must be whole numbers of at least 0");
            }
        }
        return new VerdictCorrection(
                text(node, "campaignId"),
                text(node, "organizationId"),
                text(node, "responseId"),
                text(node, "respondentRole"),
                node.get("counted").asBoolean(),
                values);
    }

    /** As many counts as the campaign's model keeps. */
    public void check(Campaign campaign) {
        int expected = campaign.model().counterIds().size();
        if (counts.length != expected) {
            throw new IllegalArgumentException("counted (true/false) and " + expected + " counts are required");
        }
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }
}
