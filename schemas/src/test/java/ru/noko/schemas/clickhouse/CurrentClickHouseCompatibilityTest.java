package ru.noko.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.chdb.CurrentClickHouse;

/**
 * The same DDL and queries that run on 18.16 in the other tests, run on a current ClickHouse (chdb, 26.x): every
 * migration statement, the migrator's own queries, and the replace-on-replay behaviour the pipeline relies on.
 */
class CurrentClickHouseCompatibilityTest {

    @Test
    void everyMigrationAndTheQueriesWeRelyOnRunOnACurrentRelease() throws Exception {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("schema_migrations DDL", MigrationCatalog.migrationsTableDdl());
        for (Migration migration : MigrationCatalog.load()) {
            List<String> parts = migration.statements();
            for (int i = 0; i < parts.size(); i++) {
                statements.put("V%03d__%s #%d".formatted(migration.version(), migration.name(), i + 1), parts.get(i));
            }
        }
        statements.put(
                "record migration",
                "INSERT INTO schema_migrations (version, name, checksum, applied_at)"
                        + " VALUES (1, 'survey_responses', 'abc', '2026-02-01 10:00:00')");
        statements.put(
                "applied checksums",
                "SELECT version, argMax(checksum, applied_at) FROM schema_migrations GROUP BY version");
        String insert =
                "INSERT INTO survey_responses (response_id, campaign_id, organization_id, respondent_role, answers,"
                        + " started_at, submitted_at, received_at, ip_hmac, user_agent, device_token, email_hmac, kafka_partition,"
                        + " kafka_offset, started_at_ms, submitted_at_ms, received_at_ms) VALUES ('r-1', 'c', 'org-1', 'parent',"
                        + " '{\"q1\":true}', '2026-02-01 10:00:00', '2026-02-01 10:06:30', '2026-02-01 10:06:30', 'hmac', 'ua',"
                        + " '', '', 0, 42, 1769940000000, 1769940390000, 1769940390150)";
        statements.put("insert", insert);
        statements.put("replayed insert", insert);
        statements.put("once with FINAL", "SELECT count(), uniqExact(response_id) FROM survey_responses FINAL");
        // A resubmission received two hours later, written last: the first receipt stays.
        statements.put("resubmitted later", insert.replace("1769940390150)", "1769947590150)"));
        statements.put(
                "first receipt with FINAL", "SELECT response_id, toString(received_at_ms) FROM survey_responses FINAL");
        statements.put(
                "undecodable insert",
                "INSERT INTO undecodable_records (topic, kafka_partition, kafka_offset,"
                        + " payload_bytes, error) VALUES ('t', 0, 1, 10, 'bad magic')");
        statements.put("undecodable read", "SELECT topic, error FROM undecodable_records FINAL");
        statements.put(
                "verdict insert",
                "INSERT INTO response_verdicts (response_id, campaign_id, organization_id,"
                        + " respondent_role, submitted_at, received_at, verdict, rejections, flags, version, checked_by) VALUES"
                        + " ('r-1', 'c', 'org-1', 'parent', '2026-02-01 10:06:30', '2026-02-01 10:06:30', 'rejected',"
                        + " 'DUPLICATE_EMAIL,TOO_FAST', '', 0, 'live')");
        statements.put(
                "corrected verdict",
                "INSERT INTO response_verdicts (response_id, campaign_id, organization_id,"
                        + " respondent_role, submitted_at, received_at, verdict, rejections, flags, version, checked_by) VALUES"
                        + " ('r-2', 'c', 'org-1', 'parent', '2026-02-01 10:06:30', '2026-02-01 10:06:30', 'accepted', '', '',"
                        + " 1770000000000, 'recheck')");
        statements.put(
                "live verdict replayed after the correction",
                "INSERT INTO response_verdicts (response_id,"
                        + " campaign_id, organization_id, respondent_role, submitted_at, received_at, verdict, rejections, flags,"
                        + " version, checked_by) VALUES ('r-2', 'c', 'org-1', 'parent', '2026-02-01 10:06:30',"
                        + " '2026-02-01 10:06:30', 'rejected', 'DUPLICATE_EMAIL', '', 0, 'live')");
        statements.put(
                "the correction stays",
                "SELECT verdict, checked_by FROM response_verdicts FINAL" + " WHERE response_id = 'r-2'");
        statements.put(
                "recheck reads responses",
                "SELECT response_id, organization_id, respondent_role, answers,"
                        + " started_at_ms, submitted_at_ms, received_at_ms, ip_hmac, device_token, email_hmac"
                        + " FROM survey_responses FINAL WHERE campaign_id = 'c'");
        statements.put(
                "late insert",
                "INSERT INTO late_responses (response_id, campaign_id, organization_id, check_name,"
                        + " submitted_at, received_at, watermark_at, behind_ms) VALUES ('r-1', 'c', 'org-1', 'organization',"
                        + " '2026-02-01 10:06:30', '2026-02-01 10:06:30', '2026-02-01 11:00:00', 3210000)");
        statements.put("recheck reads late", "SELECT DISTINCT response_id FROM late_responses WHERE campaign_id = 'c'");
        statements.put(
                "session insert",
                "INSERT INTO organized_sessions (session_id, campaign_id, organization_id,"
                        + " ip_hmac, from_ms, to_ms, participants, version) VALUES ('s-1', 'c', 'org-1', 'hmac', 1, 2, 25, 7)");
        statements.put(
                "recheck reads sessions",
                "SELECT session_id, organization_id, ip_hmac, from_ms, to_ms,"
                        + " participants, version FROM organized_sessions FINAL WHERE campaign_id = 'c'");
        statements.put(
                "figure insert",
                "INSERT INTO organization_results (campaign_id, organization_id, metric_id,"
                        + " metric_name, value, published, exact, numerator, denominator, parts, status, note, weights_rescaled,"
                        + " responses, version) VALUES ('c', 'org-1', '1.1', 'Пинф', 31.875, 31.88, '255/8', 12, 36, '3/16;9/20',"
                        + " 'OK', '', 0, 10, 1)");
        statements.put("figure read", "SELECT exact, toString(published) FROM organization_results FINAL");
        statements.put(
                "figure counts",
                "SELECT toString(numerator), toString(denominator), parts, part"
                        + " FROM organization_results FINAL ARRAY JOIN splitByChar(';', parts) AS part");
        statements.put(
                "territory insert",
                "INSERT INTO territory_results (campaign_id, region, municipality,"
                        + " organization_type, metric_id, metric_name, basis, value, published, mean, mean_published,"
                        + " respondent_weighted, respondent_weighted_published, pooled, pooled_published, organizations, version)"
                        + " VALUES ('c', 'Р', 'М', '', 'overall', 'o', 'pooledAnswers', 27, 27, 50, 50, 27, 27, 27, 27, 2, 1)");
        statements.put(
                "coverage insert",
                "INSERT INTO organization_coverage (campaign_id, organization_id, role,"
                        + " responses, contingent, required, share, met, representative, level, version, weights_rescaled)"
                        + " VALUES ('c', 'org-1', 'parent', 1, 2, 1, 0.5, 1, 1, '', 1, 1)");
        statements.put(
                "rejections by reason",
                "SELECT reason, count() FROM response_verdicts FINAL"
                        + " ARRAY JOIN splitByChar(',', rejections) AS reason WHERE rejections != '' GROUP BY reason ORDER BY reason");

        CurrentClickHouse.Outcome result =
                CurrentClickHouse.run(Path.of(System.getProperty("noko.projectRoot", "..")), statements);

        assertThat(result.failedStatement())
                .as("fails on ClickHouse " + result.version() + ": " + result.error())
                .isNull();
        assertThat(result.version()).startsWith("26.");
        assertThat(rows(result, "applied checksums")).containsExactly(List.of("1", "abc"));
        assertThat(rows(result, "once with FINAL")).containsExactly(List.of("1", "1"));
        assertThat(rows(result, "first receipt with FINAL")).containsExactly(List.of("r-1", "1769940390150"));
        assertThat(rows(result, "undecodable read")).containsExactly(List.of("t", "bad magic"));
        assertThat(rows(result, "the correction stays")).containsExactly(List.of("accepted", "recheck"));
        assertThat(rows(result, "recheck reads responses"))
                .singleElement()
                .satisfies(row -> assertThat(row.subList(4, 7))
                        .containsExactly("1769940000000", "1769940390000", "1769940390150"));
        assertThat(rows(result, "figure read")).containsExactly(List.of("255/8", "31.88"));
        assertThat(rows(result, "figure counts"))
                .containsExactly(List.of("12", "36", "3/16;9/20", "3/16"), List.of("12", "36", "3/16;9/20", "9/20"));
        assertThat(rows(result, "rejections by reason"))
                .containsExactly(List.of("DUPLICATE_EMAIL", "1"), List.of("TOO_FAST", "1"));
    }

    private static List<List<String>> rows(CurrentClickHouse.Outcome result, String statement) {
        return result.results().get(statement).rows();
    }
}
