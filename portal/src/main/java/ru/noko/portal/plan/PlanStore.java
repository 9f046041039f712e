package ru.noko.portal.plan;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Improvement plans in PostgreSQL. Every change of state is one conditional statement, so two people cannot both
 * approve and return one plan, nor change one under review.
 */
@Repository
public class PlanStore {

    /** A plan in a list: its organization, state and how its measures stand. */
    public record Listed(
            String organizationId,
            String organizationName,
            String municipality,
            PlanState state,
            int measures,
            int done,
            int overdue) {}

    private final JdbcClient db;

    PlanStore(JdbcClient db) {
        this.db = db;
    }

    public Optional<Plan> find(String campaignId, String organizationId) {
        return db.sql("SELECT state, review_comment, reviewed_by, updated_at FROM improvement_plans"
                        + " WHERE campaign_id = ? AND organization_id = ?")
                .params(campaignId, organizationId)
                .query((row, n) -> new Plan(
                        campaignId,
                        organizationId,
                        PlanState.valueOf(row.getString(1)),
                        row.getString(2),
                        row.getString(3),
                        row.getTimestamp(4).toInstant(),
                        measures(campaignId, organizationId)))
                .optional();
    }

    /** The plans of a campaign, of one municipality or (null) all, by municipality and organization name. */
    public List<Listed> list(String campaignId, String municipality, LocalDate today) {
        return db.sql("SELECT p.organization_id, o.name, o.municipality, p.state, count(m.id),"
                        + " count(m.actual_date),"
                        + " count(m.id) FILTER (WHERE m.actual_date IS NULL AND m.planned_date < ?)"
                        + " FROM improvement_plans p JOIN organizations o ON o.id = p.organization_id"
                        + " LEFT JOIN improvement_measures m ON m.campaign_id = p.campaign_id"
                        + " AND m.organization_id = p.organization_id"
                        + " WHERE p.campaign_id = ? AND (CAST(? AS TEXT) IS NULL OR o.municipality = ?)"
                        + " GROUP BY p.organization_id, o.name, o.municipality, p.state"
                        + " ORDER BY o.municipality, o.name, p.organization_id")
                .params(Date.valueOf(today), campaignId, municipality, municipality)
                .query((row, n) -> new Listed(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        PlanState.valueOf(row.getString(4)),
                        row.getInt(5),
                        row.getInt(6),
                        row.getInt(7)))
                .list();
    }

    /** Every plan of a campaign in one of the states, with its measures, by organization. */
    public Map<String, Plan> plans(String campaignId, List<PlanState> states) {
        Map<String, Plan> plans = new LinkedHashMap<>();
        List<String> ids = db.sql("SELECT organization_id FROM improvement_plans WHERE campaign_id = ?"
                        + " AND state = ANY (?) ORDER BY organization_id")
                .params(campaignId, states.stream().map(Enum::name).toArray(String[]::new))
                .query(String.class)
                .list();
        for (String id : ids) {
            find(campaignId, id).ifPresent(plan -> plans.put(id, plan));
        }
        return plans;
    }

    /** Makes a draft plan with these rows unless the organization has one; false when it had. */
    boolean create(String campaignId, String organizationId, List<Measure> proposed, String by) {
        int made = db.sql("INSERT INTO improvement_plans (campaign_id, organization_id, state, updated_by)"
                        + " SELECT ?, id, 'DRAFT', ? FROM organizations WHERE id = ?"
                        + " ON CONFLICT (campaign_id, organization_id) DO NOTHING")
                .params(campaignId, by, organizationId)
                .update();
        if (made == 0) {
            return false;
        }
        insert(campaignId, organizationId, proposed);
        return true;
    }

    /** Replaces the measures of an editable plan; false when it is not (any more) editable. */
    boolean replace(String campaignId, String organizationId, List<Measure> measures, String by) {
        int changed = db.sql("UPDATE improvement_plans SET updated_by = ?, updated_at = now()"
                        + " WHERE campaign_id = ? AND organization_id = ? AND state IN ('DRAFT', 'RETURNED')")
                .params(by, campaignId, organizationId)
                .update();
        if (changed == 0) {
            return false;
        }
        db.sql("DELETE FROM improvement_measures WHERE campaign_id = ? AND organization_id = ?")
                .params(campaignId, organizationId)
                .update();
        insert(campaignId, organizationId, measures);
        return true;
    }

    /** Moves a plan from one of the states to another; false when it was in none of them. */
    boolean move(
            String campaignId,
            String organizationId,
            List<PlanState> from,
            PlanState to,
            String comment,
            boolean review,
            String by) {
        return db.sql("UPDATE improvement_plans SET state = ?, updated_by = ?, updated_at = now()"
                                + (review ? ", review_comment = ?, reviewed_by = ?, reviewed_at = now()" : "")
                                + " WHERE campaign_id = ? AND organization_id = ? AND state = ANY (?)")
                        .params(
                                review
                                        ? List.of(
                                                to.name(),
                                                by,
                                                comment == null ? "" : comment,
                                                by,
                                                campaignId,
                                                organizationId,
                                                from.stream().map(Enum::name).toArray(String[]::new))
                                        : List.of(
                                                to.name(),
                                                by,
                                                campaignId,
                                                organizationId,
                                                from.stream().map(Enum::name).toArray(String[]::new)))
                        .update()
                > 0;
    }

    /** Records the progress of an approved plan's measures; false when the plan is not approved. */
    boolean progress(String campaignId, String organizationId, Map<Long, Measure> progress, String by) {
        int approved = db.sql("UPDATE improvement_plans SET updated_by = ?, updated_at = now()"
                        + " WHERE campaign_id = ? AND organization_id = ? AND state = 'APPROVED'")
                .params(by, campaignId, organizationId)
                .update();
        if (approved == 0) {
            return false;
        }
        for (Map.Entry<Long, Measure> entry : progress.entrySet()) {
            db.sql("UPDATE improvement_measures SET taken = ?, actual_date = ? WHERE id = ? AND campaign_id = ?"
                            + " AND organization_id = ?")
                    .params(
                            entry.getValue().taken(),
                            date(entry.getValue().actualDate()),
                            entry.getKey(),
                            campaignId,
                            organizationId)
                    .update();
        }
        return true;
    }

    Optional<BigDecimal> threshold(String campaignId) {
        return db.sql("SELECT threshold FROM plan_thresholds WHERE campaign_id = ?")
                .param(campaignId)
                .query(BigDecimal.class)
                .optional();
    }

    void threshold(String campaignId, BigDecimal threshold, String by) {
        db.sql("INSERT INTO plan_thresholds (campaign_id, threshold, set_by) VALUES (?, ?, ?)"
                        + " ON CONFLICT (campaign_id) DO UPDATE SET threshold = EXCLUDED.threshold,"
                        + " set_by = EXCLUDED.set_by, set_at = now()")
                .params(campaignId, threshold, by)
                .update();
    }

    private void insert(String campaignId, String organizationId, List<Measure> measures) {
        for (Measure m : measures) {
            db.sql("INSERT INTO improvement_measures (campaign_id, organization_id, criterion, deficiency, measure,"
                            + " planned_date, responsible_name, responsible_position, taken, actual_date, source)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            campaignId,
                            organizationId,
                            m.criterion(),
                            m.deficiency(),
                            m.measure(),
                            date(m.plannedDate()),
                            m.responsibleName(),
                            m.responsiblePosition(),
                            m.taken(),
                            date(m.actualDate()),
                            m.source())
                    .update();
        }
    }

    private List<Measure> measures(String campaignId, String organizationId) {
        return db.sql("SELECT id, criterion, deficiency, measure, planned_date, responsible_name,"
                        + " responsible_position, taken, actual_date, source FROM improvement_measures"
                        + " WHERE campaign_id = ? AND organization_id = ? ORDER BY criterion, id")
                .params(campaignId, organizationId)
                .query(PlanStore::measure)
                .list();
    }

    private static Measure measure(ResultSet row, int n) throws SQLException {
        return new Measure(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                localDate(row.getDate(5)),
                row.getString(6),
                row.getString(7),
                row.getString(8),
                localDate(row.getDate(9)),
                row.getString(10));
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
