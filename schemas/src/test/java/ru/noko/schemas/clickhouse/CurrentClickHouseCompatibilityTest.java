package ru.noko.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
        statements.put("record migration", "INSERT INTO schema_migrations (version, name, checksum, applied_at)"
                + " VALUES (1, 'survey_responses', 'abc', '2026-02-01 10:00:00')");
        statements.put("applied checksums", "SELECT version, argMax(checksum, applied_at) FROM schema_migrations GROUP BY version");
        String insert = "INSERT INTO survey_responses (response_id, campaign_id, organization_id, respondent_role, answers,"
                + " started_at, submitted_at, received_at, ip_hmac, user_agent, device_token, email_hmac, kafka_partition,"
                + " kafka_offset) VALUES ('r-1', 'c', 'org-1', 'parent', '{\"q1\":true}', '2026-02-01 10:00:00',"
                + " '2026-02-01 10:06:30', '2026-02-01 10:06:30', 'hmac', 'ua', '', '', 0, 42)";
        statements.put("insert", insert);
        statements.put("replayed insert", insert);
        statements.put("once with FINAL", "SELECT count(), uniqExact(response_id) FROM survey_responses FINAL");
        statements.put("undecodable insert", "INSERT INTO undecodable_records (topic, kafka_partition, kafka_offset,"
                + " payload_bytes, error) VALUES ('t', 0, 1, 10, 'bad magic')");
        statements.put("undecodable read", "SELECT topic, error FROM undecodable_records FINAL");
        statements.put("verdict insert", "INSERT INTO response_verdicts (response_id, campaign_id, organization_id,"
                + " respondent_role, submitted_at, verdict, rejections, flags) VALUES ('r-1', 'c', 'org-1', 'parent',"
                + " '2026-02-01 10:06:30', 'rejected', 'DUPLICATE_EMAIL,TOO_FAST', '')");
        statements.put("rejections by reason", "SELECT reason, count() FROM response_verdicts FINAL"
                + " ARRAY JOIN splitByChar(',', rejections) AS reason WHERE rejections != '' GROUP BY reason ORDER BY reason");

        ChdbSql.Result result = ChdbSql.run(statements);

        assertThat(result.version()).startsWith("26.");
        assertThat(result.rows().get("applied checksums")).containsExactly(List.of("1", "abc"));
        assertThat(result.rows().get("once with FINAL")).containsExactly(List.of("1", "1"));
        assertThat(result.rows().get("undecodable read")).containsExactly(List.of("t", "bad magic"));
        assertThat(result.rows().get("rejections by reason"))
                .containsExactly(List.of("DUPLICATE_EMAIL", "1"), List.of("TOO_FAST", "1"));
    }
}
