package ru.noko.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;

/** Migrations against the real ClickHouse server (Debian's 18.16). */
class ClickHouseMigratorTest {

    @Test
    void aFreshDatabaseGetsEveryMigrationAndASecondRunChangesNothing() throws Exception {
        ClickHouseTarget target = ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "migrate_fresh");
        List<Integer> versions = MigrationCatalog.load().stream().map(Migration::version).toList();

        assertThat(new ClickHouseMigrator(target).migrate()).isEqualTo(versions);
        assertThat(new ClickHouseMigrator(target).migrate()).isEmpty();

        assertThat(strings(target, "SELECT name FROM system.tables WHERE database = 'migrate_fresh' ORDER BY name"))
                .containsExactly("schema_migrations", "survey_responses", "undecodable_records");
        assertThat(strings(target, "SELECT toString(count()) FROM schema_migrations FINAL"))
                .containsExactly(String.valueOf(versions.size()));
    }

    @Test
    void aMigrationEditedAfterItRanStopsTheStartUp() throws Exception {
        ClickHouseTarget target = ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "migrate_edited");
        new ClickHouseMigrator(target).migrate();
        execute(target, "INSERT INTO schema_migrations (version, name, checksum, applied_at)"
                + " VALUES (1, 'survey_responses', 'edited', '2099-01-01 00:00:00')");

        assertThatThrownBy(() -> new ClickHouseMigrator(target).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V001__survey_responses changed");
    }

    @Test
    void migrationFilesAreNumberedAndSplitIntoStatements() {
        List<Migration> migrations = MigrationCatalog.load();

        assertThat(migrations).extracting(Migration::version).isSorted().doesNotHaveDuplicates();
        assertThat(migrations.get(0).statements()).hasSize(2)
                .allSatisfy(sql -> assertThat(sql).startsWith("-- ").contains("CREATE TABLE IF NOT EXISTS"));
    }

    @Test
    void aDatabaseNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> ClickHouseTarget.local(9000, "noko; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<String> strings(ClickHouseTarget target, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void execute(ClickHouseTarget target, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
