package ru.noko.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;

/** Migrations against the real ClickHouse server (Debian's 18.16). */
class ClickHouseMigratorTest {

    @Test
    void aFreshDatabaseGetsEveryMigrationAndASecondRunChangesNothing() throws Exception {
        ClickHouseTarget target = ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "migrate_fresh");
        List<Integer> versions =
                MigrationCatalog.load().stream().map(Migration::version).toList();

        assertThat(new ClickHouseMigrator(target).migrate()).isEqualTo(versions);
        assertThat(new ClickHouseMigrator(target).migrate()).isEmpty();

        assertThat(new ClickHouseQueries(target)
                        .strings("SELECT name FROM system.tables WHERE database = 'migrate_fresh' ORDER BY name"))
                .containsExactly(
                        "campaigns",
                        "late_responses",
                        "organization_coverage",
                        "organization_results",
                        "organizations",
                        "organized_sessions",
                        "response_verdicts",
                        "schema_migrations",
                        "self_assessments",
                        "survey_responses",
                        "territory_coverage",
                        "territory_results",
                        "undecodable_records");
        assertThat(new ClickHouseQueries(target).strings("SELECT toString(count()) FROM schema_migrations FINAL"))
                .containsExactly(String.valueOf(versions.size()));
    }

    @Test
    void rejectedResponsesCanBeCountedByReasonOn1816() throws Exception {
        ClickHouseTarget target = ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "migrate_verdicts");
        new ClickHouseMigrator(target).migrate();
        ClickHouseQueries clickHouse = new ClickHouseQueries(target);
        clickHouse.execute("INSERT INTO response_verdicts (response_id, campaign_id, organization_id, respondent_role,"
                + " submitted_at, received_at, verdict, rejections, flags, version, checked_by) VALUES ('r-1', 'c', 'o',"
                + " 'parent', '2026-02-01 10:00:00', '2026-02-01 10:00:00', 'rejected', 'DUPLICATE_EMAIL,TOO_FAST', '', 0,"
                + " 'live')");

        assertThat(
                        clickHouse.strings(
                                "SELECT concat(reason, '=', toString(count())) FROM response_verdicts FINAL"
                                        + " ARRAY JOIN splitByChar(',', rejections) AS reason WHERE rejections != '' GROUP BY reason ORDER BY reason"))
                .containsExactly("DUPLICATE_EMAIL=1", "TOO_FAST=1");
    }

    @Test
    void figuresCarryTheirCountsOn1816AndRowsWrittenWithoutThemReadAsNone() throws Exception {
        ClickHouseTarget target = ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "migrate_parts");
        new ClickHouseMigrator(target).migrate();
        ClickHouseQueries clickHouse = new ClickHouseQueries(target);
        clickHouse.execute(
                "INSERT INTO organization_results (campaign_id, organization_id, metric_id, metric_name, value,"
                        + " published, exact, numerator, denominator, parts, status, note, weights_rescaled, responses, version)"
                        + " VALUES ('c', 'o', '1.3', 'Поткруд', 78.57142857142857, 78.57, '550/7', 11, 14, '5/7;6/7', 'OK', '', 0,"
                        + " 10, 1)");
        // A writer from before V016 names none of the new columns.
        clickHouse.execute(
                "INSERT INTO organization_results (campaign_id, organization_id, metric_id, metric_name, value,"
                        + " published, exact, status, note, weights_rescaled, responses, version) VALUES ('c', 'o', 'K1', 'К1',"
                        + " 83.9, 83.93, '1175/14', 'OK', '', 0, 10, 1)");

        assertThat(clickHouse.strings("SELECT concat(metric_id, ' ', toString(numerator), '/', toString(denominator),"
                        + " ' [', parts, ']') FROM organization_results FINAL ORDER BY metric_id"))
                .containsExactly("1.3 11/14 [5/7;6/7]", "K1 0/0 []");
    }

    @Test
    void verdictsStoredBeforeTheyWereVersionedAreKeptAndACorrectionOutlivesALaterLiveRow() throws Exception {
        ClickHouseTarget target = ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "migrate_versioned");
        ClickHouseQueries clickHouse = migratedBelow(target, 12);
        clickHouse.execute("INSERT INTO response_verdicts (response_id, campaign_id, organization_id, respondent_role,"
                + " submitted_at, verdict, rejections, flags) VALUES ('r-old', 'c', 'o', 'parent', '2026-02-01 10:00:00',"
                + " 'rejected', 'DUPLICATE_EMAIL', '')");

        assertThat(new ClickHouseMigrator(target).migrate()).startsWith(12, 13, 14);
        clickHouse.execute(
                "INSERT INTO response_verdicts (response_id, campaign_id, organization_id, respondent_role,"
                        + " submitted_at, received_at, verdict, rejections, flags, version, checked_by) VALUES ('r-old', 'c', 'o',"
                        + " 'parent', '2026-02-01 10:00:00', '2026-02-01 10:00:00', 'accepted', '', '', 1770000000000, 'recheck')");
        clickHouse.execute(
                "INSERT INTO response_verdicts (response_id, campaign_id, organization_id, respondent_role,"
                        + " submitted_at, received_at, verdict, rejections, flags, version, checked_by) VALUES ('r-old', 'c', 'o',"
                        + " 'parent', '2026-02-01 10:00:00', '2026-02-01 10:00:00', 'rejected', 'DUPLICATE_EMAIL', '', 0, 'live')");
        clickHouse.execute("OPTIMIZE TABLE response_verdicts FINAL");

        assertThat(clickHouse.strings("SELECT concat(verdict, ' ', checked_by) FROM response_verdicts"))
                .containsExactly("accepted recheck");
        assertThat(clickHouse.strings("SELECT name FROM system.tables WHERE database = 'migrate_versioned'"
                        + " AND name LIKE 'response_verdicts%'"))
                .containsExactly("response_verdicts");
    }

    @Test
    void aResponseKeepsItsFirstReceiptWhicheverCopyIsWrittenLastAndRowsFromBeforeV019AreKept() throws Exception {
        ClickHouseTarget target = ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "migrate_first_receipt");
        ClickHouseQueries clickHouse = migratedBelow(target, 19);
        clickHouse.execute(response("r-old", 1769940390150L));

        assertThat(new ClickHouseMigrator(target).migrate()).startsWith(19);
        long first = 1769940390150L;
        long twoHoursLater = first + 2 * 3600_000L;
        clickHouse.execute(response("r-1", first));
        clickHouse.execute(response("r-1", twoHoursLater)); // a resubmission, written last
        clickHouse.execute(response("r-2", twoHoursLater)); // the later copy written first
        clickHouse.execute(response("r-2", first));
        clickHouse.execute("OPTIMIZE TABLE survey_responses FINAL");

        assertThat(clickHouse.strings("SELECT concat(response_id, ' ', toString(received_at_ms)) FROM survey_responses"
                        + " ORDER BY response_id"))
                .containsExactly("r-1 " + first, "r-2 " + first, "r-old " + first);
        assertThat(clickHouse.strings("SELECT name FROM system.tables WHERE database = 'migrate_first_receipt'"
                        + " AND name LIKE 'survey_responses%'"))
                .containsExactly("survey_responses");
    }

    /**
     * A row as the pipeline writes it (it names no version column), received at the time given in milliseconds (the
     * native driver takes literals only, so the seconds column keeps one value).
     */
    private static String response(String id, long receivedAtMillis) {
        return "INSERT INTO survey_responses (response_id, campaign_id, organization_id, respondent_role, answers,"
                + " started_at, submitted_at, received_at, started_at_ms, submitted_at_ms, received_at_ms, ip_hmac,"
                + " user_agent, device_token, email_hmac, kafka_partition, kafka_offset) VALUES ('" + id
                + "', 'c', 'o',"
                + " 'parent', '{}', '2026-02-01 10:00:00', '2026-02-01 10:06:30', '2026-02-01 10:06:30',"
                + " 1769940000000, 1769940390000, " + receivedAtMillis + ", 'hmac', 'ua', '', '', 0, 1)";
    }

    /** The database with the migrations before {@code version} applied and recorded, as an older release left it. */
    private static ClickHouseQueries migratedBelow(ClickHouseTarget target, int version) throws Exception {
        new ClickHouseQueries(ClickHouseTarget.local(target.port(), "default"))
                .execute("CREATE DATABASE IF NOT EXISTS " + target.database());
        ClickHouseQueries clickHouse = new ClickHouseQueries(target);
        clickHouse.execute(MigrationCatalog.migrationsTableDdl());
        for (Migration migration : MigrationCatalog.load().stream()
                .filter(m -> m.version() < version)
                .toList()) {
            for (String statement : migration.statements()) {
                clickHouse.execute(statement);
            }
            clickHouse.execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ("
                    + migration.version() + ", '" + migration.name() + "', '" + migration.checksum()
                    + "', '2026-02-01 10:00:00')");
        }
        return clickHouse;
    }

    @Test
    void aMigrationEditedAfterItRanStopsTheStartUp() throws Exception {
        ClickHouseTarget target = ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "migrate_edited");
        new ClickHouseMigrator(target).migrate();
        new ClickHouseQueries(target)
                .execute("INSERT INTO schema_migrations (version, name, checksum, applied_at)"
                        + " VALUES (1, 'survey_responses', 'edited', '2099-01-01 00:00:00')");

        assertThatThrownBy(() -> new ClickHouseMigrator(target).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V001__survey_responses changed");
    }

    @Test
    void migrationFilesAreNumberedAndSplitIntoStatements() {
        List<Migration> migrations = MigrationCatalog.load();

        assertThat(migrations).extracting(Migration::version).isSorted().doesNotHaveDuplicates();
        assertThat(migrations.get(0).statements())
                .hasSize(2)
                .allSatisfy(sql -> assertThat(sql).startsWith("-- ").contains("CREATE TABLE IF NOT EXISTS"));
    }

    @Test
    void aDatabaseNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> ClickHouseTarget.local(9000, "noko; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
