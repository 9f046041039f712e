package ru.noko.portal.selfassessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import ru.noko.methodology.checklist.ItemAnswer;

/**
 * Organizations' self-assessment forms in PostgreSQL: the draft, saved whenever it changes, found again from any
 * device; submitting locks it and keeps the version as submitted; the operator may return it with a comment, and it
 * can be changed and submitted again. Every state change is one conditional statement, so two tabs or two people
 * cannot both submit one form, or change a submitted one.
 */
@Repository
public class SelfAssessmentForms {

    public enum State {
        DRAFT("черновик"),
        SUBMITTED("отправлено"),
        RETURNED("возвращено на доработку");

        private final String russianName;

        State(String russianName) {
            this.russianName = russianName;
        }

        /** As the pages name it. */
        public String russianName() {
            return russianName;
        }
    }

    /** A form as it is now. */
    public record Form(
            String campaignId,
            String organizationId,
            State state,
            Map<String, ItemAnswer> answers,
            String returnComment,
            int versions,
            Instant updatedAt) {}

    /** A submitted version, as it was submitted. */
    public record Version(int version, Map<String, ItemAnswer> answers, Map<String, Integer> inputs, String by) {}

    /** The form is submitted: it cannot change until the operator returns it. */
    public static class Locked extends RuntimeException {
        Locked() {
            super(
                    "Самообследование отправлено и не может быть изменено, пока оператор не вернёт его на доработку.",
                    null,
                    false,
                    false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, ItemAnswer>> ANSWERS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Integer>> INPUTS = new TypeReference<>() {};

    private final JdbcClient db;

    SelfAssessmentForms(JdbcClient db) {
        this.db = db;
    }

    public Optional<Form> find(String campaignId, String organizationId) {
        return db.sql("SELECT * FROM self_assessments WHERE campaign_id = ? AND organization_id = ?")
                .params(campaignId, organizationId)
                .query(SelfAssessmentForms::form)
                .optional();
    }

    /**
     * Saves the answers of a form being filled (a new one starts as a draft; a returned one stays returned, with its
     * comment, until it is submitted again).
     *
     * @throws Locked when it is submitted
     */
    public void saveDraft(String campaignId, String organizationId, Map<String, ItemAnswer> answers, String by) {
        int changed = db.sql("INSERT INTO self_assessments (campaign_id, organization_id, state, answers, updated_by) "
                        + "VALUES (?, ?, 'DRAFT', ?::jsonb, ?) ON CONFLICT (campaign_id, organization_id) DO UPDATE "
                        + "SET answers = excluded.answers, updated_by = excluded.updated_by, updated_at = now() "
                        + "WHERE self_assessments.state <> 'SUBMITTED'")
                .params(campaignId, organizationId, json(answers), by)
                .update();
        if (changed == 0) {
            throw new Locked();
        }
    }

    /**
     * Submits the form as it is saved, with the expert inputs counted from it; the number of the version kept.
     *
     * @throws Locked when it is submitted already (or was never saved)
     */
    @Transactional
    public int submit(String campaignId, String organizationId, Map<String, Integer> inputs, String by) {
        Optional<Integer> version = db.sql("UPDATE self_assessments SET state = 'SUBMITTED', versions = versions + 1, "
                        + "return_comment = NULL, updated_by = ?, updated_at = now() WHERE campaign_id = ? AND "
                        + "organization_id = ? AND state <> 'SUBMITTED' RETURNING versions")
                .params(by, campaignId, organizationId)
                .query(Integer.class)
                .optional();
        if (version.isEmpty()) {
            throw new Locked();
        }
        db.sql("INSERT INTO self_assessment_versions (campaign_id, organization_id, version, answers, inputs, "
                        + "submitted_by) SELECT campaign_id, organization_id, versions, answers, ?::jsonb, ? FROM "
                        + "self_assessments WHERE campaign_id = ? AND organization_id = ?")
                .params(json(inputs), by, campaignId, organizationId)
                .update();
        return version.get();
    }

    /** The operator sends a submitted form back with a comment; false when it is not submitted. */
    public boolean returnForm(String campaignId, String organizationId, String comment, String by) {
        return db.sql("UPDATE self_assessments SET state = 'RETURNED', return_comment = ?, updated_by = ?, "
                                + "updated_at = now() WHERE campaign_id = ? AND organization_id = ? AND state = "
                                + "'SUBMITTED'")
                        .params(comment, by, campaignId, organizationId)
                        .update()
                == 1;
    }

    /** Every submitted version, oldest first. */
    public List<Version> versions(String campaignId, String organizationId) {
        return db.sql("SELECT version, answers, inputs, submitted_by FROM self_assessment_versions WHERE campaign_id = "
                        + "? AND organization_id = ? ORDER BY version")
                .params(campaignId, organizationId)
                .query((row, number) -> new Version(
                        row.getInt("version"),
                        read(row.getString("answers"), ANSWERS),
                        read(row.getString("inputs"), INPUTS),
                        row.getString("submitted_by")))
                .list();
    }

    private static Form form(ResultSet row, int number) throws SQLException {
        return new Form(
                row.getString("campaign_id"),
                row.getString("organization_id"),
                State.valueOf(row.getString("state")),
                read(row.getString("answers"), ANSWERS),
                row.getString("return_comment"),
                row.getInt("versions"),
                row.getTimestamp("updated_at").toInstant());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answers and inputs always write", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored form is not what this version writes", e);
        }
    }
}
