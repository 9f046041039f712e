package ru.noko.pipeline.recheck;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.pipeline.antifraud.OrganizedSession;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.response.ResponseRows;

/**
 * What the stream stored of one campaign, read back for the re-check: the raw responses (with their times to the
 * millisecond), the organized sessions as registered, the responses noted late, and the current verdicts. Reads use
 * {@code FINAL}, so a response the stream wrote twice is read once.
 */
final class StoredCampaign {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A verdict as stored: the newest version of the response's row. */
    record StoredVerdict(String verdict, String rejections, String flags, long version) {
        String reasons() {
            return verdict.equals("rejected") ? rejections : flags;
        }
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws Exception;
    }

    private StoredCampaign() {}

    static List<ResponseRow> responses(Connection connection, String campaignId, Optional<Campaign> campaign)
            throws Exception {
        return rows(
                connection,
                "SELECT response_id, organization_id, respondent_role, answers, started_at_ms,"
                        + " submitted_at_ms, received_at_ms, ip_hmac, device_token, email_hmac, idempotency_key"
                        + " FROM survey_responses FINAL"
                        + " WHERE campaign_id = ?",
                campaignId,
                result -> {
                    ResponseRow row = new ResponseRow();
                    row.responseId = result.getString(1);
                    row.campaignId = campaignId;
                    row.organizationId = result.getString(2);
                    row.respondentRole = result.getString(3);
                    row.answersJson = result.getString(4);
                    row.startedAtMillis = result.getLong(5);
                    row.submittedAtMillis = result.getLong(6);
                    row.receivedAtMillis = result.getLong(7);
                    row.ipHmac = result.getString(8);
                    row.deviceToken = result.getString(9);
                    row.emailHmac = result.getString(10);
                    row.idempotencyKey = result.getString(11);
                    row.userAgent = "";
                    Map<String, Object> answers = JSON.readValue(row.answersJson, new TypeReference<>() {});
                    row.counts = ResponseRows.counts(campaign, row.respondentRole, answers);
                    return row;
                });
    }

    /** The sessions registered and not cancelled (the newest event of each: FINAL, filtered here, after it). */
    static List<OrganizedSession> sessions(Connection connection, String campaignId) throws Exception {
        List<OrganizedSession> events = rows(
                connection,
                "SELECT session_id, organization_id, ip_hmac, from_ms, to_ms, participants, cancelled, version"
                        + " FROM organized_sessions FINAL WHERE campaign_id = ?",
                campaignId,
                result -> {
                    OrganizedSession session = new OrganizedSession();
                    session.sessionId = result.getString(1);
                    session.campaignId = campaignId;
                    session.organizationId = result.getString(2);
                    session.ipHmac = result.getString(3);
                    session.fromMillis = result.getLong(4);
                    session.toMillis = result.getLong(5);
                    session.participants = (int) result.getLong(6);
                    session.cancelled = result.getLong(7) == 1;
                    session.version = result.getLong(8);
                    return session;
                });
        return events.stream().filter(session -> !session.cancelled).toList();
    }

    /** The responses a check of the stream judged on arrival, behind its watermark. */
    static Set<String> lateResponseIds(Connection connection, String campaignId) throws Exception {
        return new HashSet<>(rows(
                connection,
                "SELECT DISTINCT response_id FROM late_responses WHERE campaign_id = ?",
                campaignId,
                result -> result.getString(1)));
    }

    static Map<String, StoredVerdict> verdicts(Connection connection, String campaignId) throws Exception {
        Map<String, StoredVerdict> verdicts = new HashMap<>();
        rows(
                        connection,
                        "SELECT response_id, verdict, rejections, flags, version FROM response_verdicts FINAL"
                                + " WHERE campaign_id = ?",
                        campaignId,
                        result -> Map.entry(
                                result.getString(1),
                                new StoredVerdict(
                                        result.getString(2),
                                        result.getString(3),
                                        result.getString(4),
                                        result.getLong(5))))
                .forEach(entry -> verdicts.put(entry.getKey(), entry.getValue()));
        return verdicts;
    }

    /** The rows of a query with the campaign id as its one parameter. */
    private static <T> List<T> rows(Connection connection, String sql, String campaignId, RowReader<T> reader)
            throws Exception {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, campaignId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
        }
        return rows;
    }
}
