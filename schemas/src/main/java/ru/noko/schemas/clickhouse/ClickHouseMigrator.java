package ru.noko.schemas.clickhouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a ClickHouse database up to the newest migration at start-up. Idempotent: applied versions are recorded in
 * {@code schema_migrations} and skipped; every statement is written with {@code IF NOT EXISTS}, so a run cut short
 * half-way through a file is simply run again. A recorded migration whose file has since changed stops the start-up:
 * schema changes go into a new file.
 *
 * <p>Needs a JDBC driver for the {@code jdbc:clickhouse:} URL on the classpath (clickhouse-native-jdbc).
 */
public final class ClickHouseMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrator.class);

    private final ClickHouseTarget target;

    public ClickHouseMigrator(ClickHouseTarget target) {
        this.target = target;
    }

    /** Applies what is missing and returns the versions applied by this call, oldest first. */
    public List<Integer> migrate() throws SQLException {
        List<Migration> migrations = MigrationCatalog.load();
        try (Connection server = connect(target.serverUrl());
                Statement statement = server.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + target.database());
        }
        List<Integer> applied = new ArrayList<>();
        try (Connection connection = connect(target.jdbcUrl())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(MigrationCatalog.migrationsTableDdl());
            }
            Map<Integer, String> done = appliedChecksums(connection);
            for (Migration migration : migrations) {
                String checksum = done.get(migration.version());
                if (checksum == null) {
                    apply(connection, migration);
                    applied.add(migration.version());
                } else if (!checksum.equals(migration.checksum())) {
                    throw new IllegalStateException(
                            "migration V%03d__%s changed after it was applied to %s; add a new migration instead"
                                    .formatted(migration.version(), migration.name(), target));
                }
            }
        }
        LOG.info("ClickHouse {}: {} migrations known, applied now {}", target, migrations.size(), applied);
        return applied;
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, target.user(), target.password());
    }

    private static Map<Integer, String> appliedChecksums(Connection connection) throws SQLException {
        Map<Integer, String> done = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, argMax(checksum, applied_at) FROM schema_migrations GROUP BY version")) {
            while (rows.next()) {
                done.put((int) rows.getLong(1), rows.getString(2));
            }
        }
        return done;
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            record.setLong(1, migration.version());
            record.setString(2, migration.name());
            record.setString(3, migration.checksum());
            record.setTimestamp(4, Timestamp.from(Instant.now()));
            record.addBatch();
            record.executeBatch();
        }
    }
}
