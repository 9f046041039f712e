package ru.noko.publication.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of a campaign's improvement plans, read from the portal's PostgreSQL: plans by state, and the approved
 * plans' measures by status through the view the dashboard reads ({@code plan_measures_report}, no names).
 */
public final class PlanSummaries {

    private static final Map<String, String> STATES = Map.of(
            "DRAFT", "черновик",
            "SUBMITTED", "на рассмотрении",
            "APPROVED", "утверждён",
            "RETURNED", "возвращён на доработку");

    private PlanSummaries() {}

    public static PlanSummary read(Connection connection, String campaignId) throws SQLException {
        Map<String, Long> plans = new LinkedHashMap<>();
        for (String state : new String[] {"DRAFT", "SUBMITTED", "RETURNED", "APPROVED"}) {
            plans.put(STATES.get(state), 0L);
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT state, count(*) FROM improvement_plans WHERE campaign_id = ? GROUP BY state")) {
            query.setString(1, campaignId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    plans.put(STATES.getOrDefault(rows.getString(1), rows.getString(1)), rows.getLong(2));
                }
            }
        }
        if (plans.values().stream().allMatch(count -> count == 0)) {
            plans.clear();
        }
        Map<String, Long> measures = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT status, count(*) FROM plan_measures_report"
                + " WHERE campaign_id = ? AND plan_state = 'APPROVED' GROUP BY status")) {
            query.setString(1, campaignId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    measures.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return new PlanSummary(
                true,
                plans,
                measures.getOrDefault("done", 0L),
                measures.getOrDefault("in_progress", 0L),
                measures.getOrDefault("overdue", 0L));
    }
}
