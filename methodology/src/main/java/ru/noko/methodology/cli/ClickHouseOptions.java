package ru.noko.methodology.cli;

import java.util.Map;
import picocli.CommandLine.Option;
import ru.noko.schemas.clickhouse.ClickHouseTarget;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * {@code --clickhouse-host}, {@code --clickhouse-port} and {@code --clickhouse-database}, the way every command that
 * reads ClickHouse is told where: each defaults to its {@code NOKO_CLICKHOUSE_*} variable, then to the local run's
 * server; the account comes from the environment only ({@code NOKO_CLICKHOUSE_USER}, {@code _PASSWORD}), never from
 * the command line, where other users of the machine could read it.
 */
public final class ClickHouseOptions {

    @Option(names = "--clickhouse-host", description = "default: NOKO_CLICKHOUSE_HOST or ${DEFAULT-VALUE}")
    String host;

    @Option(
            names = "--clickhouse-port",
            description = "native protocol; default: NOKO_CLICKHOUSE_PORT or ${DEFAULT-VALUE} (the local run's)")
    int port;

    @Option(names = "--clickhouse-database", description = "default: NOKO_CLICKHOUSE_DATABASE or ${DEFAULT-VALUE}")
    String database;

    private final String user;
    private final String password;

    public ClickHouseOptions() {
        this(System.getenv());
    }

    public ClickHouseOptions(Map<String, String> environment) {
        ClickHouseTarget defaults = ClickHouseTarget.fromEnvironment(new EnvironmentSettings(environment));
        host = defaults.host();
        port = defaults.port();
        database = defaults.database();
        user = defaults.user();
        password = defaults.password();
    }

    /** The server, database and account the options name. */
    public ClickHouseTarget target() {
        return new ClickHouseTarget(host, port, database, user, password);
    }

    /** {@code host:port/database}, for a message that says which server did not answer. */
    public String describe() {
        return host + ":" + port + "/" + database;
    }
}
