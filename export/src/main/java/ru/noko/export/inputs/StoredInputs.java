package ru.noko.export.inputs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.registry.OrganizationType;
import ru.noko.methodology.scoring.SurveyCounters;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * A campaign's inputs as the platform stored them: the registry, the responses received before the cut-off whose
 * current verdict is "accepted" (after the batch re-check, where it ran: a corrected verdict replaces the live one),
 * and the self-assessments. The responses are counted by the campaign's own model, as the live figures count them.
 */
public final class StoredInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredInputs() {}

    public static CampaignInputs read(ClickHouseTarget target, Campaign campaign, Instant cutOff) throws Exception {
        try (Connection connection = target.connect()) {
            OrganizationRegistry registry = registry(connection);
            Map<String, SurveyCounters> counters = new HashMap<>();
            long accepted = 0;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT organization_id, respondent_role, answers"
                            + " FROM survey_responses FINAL WHERE campaign_id = ? AND received_at_ms < ? AND response_id IN"
                            + " (SELECT response_id FROM response_verdicts FINAL WHERE campaign_id = ? AND verdict = 'accepted')")) {
                query.setString(1, campaign.id());
                query.setLong(2, cutOff.toEpochMilli());
                query.setString(3, campaign.id());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String role = rows.getString(2);
                        Map<String, Object> answers = JSON.readValue(rows.getString(3), new TypeReference<>() {});
                        counters.merge(
                                rows.getString(1),
                                SurveyCounters.ofResponse(role, campaign.model().countsOf(role, answers)),
                                SurveyCounters::plus);
                        accepted++;
                    }
                }
            }
            return new CampaignInputs(
                    registry,
                    counters,
                    selfAssessments(connection, campaign.id()),
                    accepted,
                    excluded(connection, campaign.id(), cutOff),
                    recheckedAt(connection, campaign.id()));
        }
    }

    private static OrganizationRegistry registry(Connection connection) throws Exception {
        List<Organization> organizations = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                        "SELECT organization_id, name, inn, organization_type,"
                                + " municipality, region, contingent FROM organizations FINAL ORDER BY organization_id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Map<String, Integer> contingent =
                        JSON.readValue(rows.getString(7), new TypeReference<LinkedHashMap<String, Integer>>() {});
                organizations.add(new Organization(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        OrganizationType.fromCode(rows.getString(4)).orElseThrow(),
                        rows.getString(5),
                        rows.getString(6),
                        contingent));
            }
        }
        return new OrganizationRegistry(organizations);
    }

    private static Map<String, Map<String, Integer>> selfAssessments(Connection connection, String campaignId)
            throws Exception {
        Map<String, Map<String, Integer>> inputs = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT organization_id, inputs FROM self_assessments FINAL WHERE campaign_id = ?")) {
            query.setString(1, campaignId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    inputs.put(
                            rows.getString(1),
                            JSON.readValue(rows.getString(2), new TypeReference<Map<String, Integer>>() {}));
                }
            }
        }
        return inputs;
    }

    /** Rejected responses received before the cut-off, by anti-fraud reason (a response may have several). */
    private static Map<String, Long> excluded(Connection connection, String campaignId, Instant cutOff)
            throws SQLException {
        Map<String, Long> excluded = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT reason, count() FROM response_verdicts FINAL"
                + " ARRAY JOIN splitByChar(',', rejections) AS reason WHERE campaign_id = ? AND verdict = 'rejected'"
                + " AND rejections != '' AND received_at < toDateTime(?) GROUP BY reason")) {
            query.setString(1, campaignId);
            query.setLong(2, cutOff.getEpochSecond());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    excluded.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return excluded;
    }

    /** The newest verdict the batch re-check wrote (its version is the re-check's time), or null. */
    private static Instant recheckedAt(Connection connection, String campaignId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT max(version) FROM response_verdicts FINAL"
                + " WHERE campaign_id = ? AND checked_by = 'recheck'")) {
            query.setString(1, campaignId);
            try (ResultSet rows = query.executeQuery()) {
                long version = rows.next() ? rows.getLong(1) : 0;
                return version == 0 ? null : Instant.ofEpochMilli(version);
            }
        }
    }
}
