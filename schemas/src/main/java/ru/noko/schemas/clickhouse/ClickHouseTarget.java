package ru.noko.schemas.clickhouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * Where noko's tables live: a ClickHouse server reached over the native protocol and a database on it.
 *
 * @param host server host
 * @param port native protocol port ({@link #DEFAULT_PORT} unless {@code NOKO_CLICKHOUSE_PORT} says otherwise)
 * @param database database that holds noko's tables; created by the migrations when missing
 * @param user ClickHouse user
 * @param password password, from the environment; empty for a local server
 */
public record ClickHouseTarget(String host, int port, String database, String user, String password) {

    /**
     * The native port every command and the job assume when {@code NOKO_CLICKHOUSE_PORT} is not set: the local run's
     * ClickHouse ({@code ./noko run}), which a person's commands on the same machine talk to. A server sets the
     * variable (docker-compose.yml: ClickHouse's own 9000).
     */
    public static final int DEFAULT_PORT = 19000;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    public ClickHouseTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("ClickHouse database name must match " + IDENTIFIER + ": " + database);
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("ClickHouse port out of range: " + port);
        }
    }

    /**
     * Where {@code NOKO_CLICKHOUSE_HOST}, {@code _PORT}, {@code _DATABASE}, {@code _USER} and {@code _PASSWORD} point,
     * with the one set of defaults every command, the job and the local run share: the local run's ClickHouse.
     */
    public static ClickHouseTarget fromEnvironment(EnvironmentSettings environment) {
        return new ClickHouseTarget(
                environment.text("NOKO_CLICKHOUSE_HOST", "127.0.0.1"),
                environment.integer("NOKO_CLICKHOUSE_PORT", DEFAULT_PORT),
                environment.text("NOKO_CLICKHOUSE_DATABASE", "noko"),
                environment.text("NOKO_CLICKHOUSE_USER", "default"),
                environment.text("NOKO_CLICKHOUSE_PASSWORD", ""));
    }

    public static ClickHouseTarget local(int port, String database) {
        return new ClickHouseTarget("127.0.0.1", port, database, "default", "");
    }

    /** JDBC URL of the database, for the native-protocol driver. */
    public String jdbcUrl() {
        return serverUrl() + "/" + database;
    }

    /** JDBC URL of the server's default database, for statements that must run before ours exists. */
    public String serverUrl() {
        return "jdbc:clickhouse://" + host + ":" + port;
    }

    /** A connection to the database; needs the native-protocol driver on the class path. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public String toString() {
        // Never print the password.
        return "ClickHouseTarget[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
