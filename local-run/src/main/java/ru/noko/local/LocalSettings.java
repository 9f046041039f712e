package ru.noko.local;

import java.nio.file.Path;
import java.util.Map;
import ru.noko.devstack.process.ChildProcess;
import ru.noko.schemas.clickhouse.ClickHouseTarget;
import ru.noko.schemas.settings.EnvironmentSettings;

/**
 * Where the local system keeps its data and which ports it listens on (loopback only).
 *
 * @param home folder for ClickHouse and Kafka data, checkpoints and logs
 * @param gatewayJar the gateway's executable jar
 * @param portalJar the portal's executable jar
 * @param gatewayPort HTTP port of the survey endpoint
 * @param portalPort HTTP port of the personal accounts (the portal)
 * @param kafkaPort Kafka client port
 * @param kafkaControllerPort KRaft controller port
 * @param clickHouseTcpPort ClickHouse native protocol port (JDBC, clickhouse-client)
 * @param clickHouseHttpPort ClickHouse HTTP port
 * @param flinkPort Flink REST API and web UI port
 * @param postgresPort PostgreSQL's port (the portal's store)
 * @param database ClickHouse database of noko's tables
 * @param topic Kafka topic of survey responses
 * @param partitions partitions of that topic
 * @param pseudonymKey HMAC key for e-mail and IP addresses
 */
public record LocalSettings(
        Path home,
        Path gatewayJar,
        Path portalJar,
        int gatewayPort,
        int portalPort,
        int kafkaPort,
        int kafkaControllerPort,
        int clickHouseTcpPort,
        int clickHouseHttpPort,
        int flinkPort,
        int postgresPort,
        String database,
        String topic,
        int partitions,
        String pseudonymKey) {

    public static final String TOPIC = "noko.survey-responses";
    public static final String SESSIONS_TOPIC = "noko.organized-sessions";
    public static final String VERDICT_CORRECTIONS_TOPIC = "noko.verdict-corrections";
    public static final String SELF_ASSESSMENTS_TOPIC = "noko.self-assessments";
    public static final String ORGANIZATIONS_TOPIC = "noko.organizations";
    public static final String CAMPAIGNS_TOPIC = "noko.campaigns";
    public static final String DATABASE = "noko";
    /** Partitions of the responses topic; the server deployment's kafka-init creates it with as many by default. */
    public static final int PARTITIONS = 4;

    /**
     * A system beside others on this machine (a test's, a benchmark's): every port a free one, its own database and
     * pseudonym key.
     */
    public static LocalSettings onFreePorts(
            Path home, Path gatewayJar, Path portalJar, String database, int partitions, String pseudonymKey) {
        return new LocalSettings(
                home,
                gatewayJar,
                portalJar,
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                ChildProcess.freePort(),
                database,
                TOPIC,
                partitions,
                pseudonymKey);
    }

    /** The defaults of {@code ./noko run}, each port overridable by an environment variable. */
    static LocalSettings defaults(
            Path home, Path gatewayJar, Path portalJar, String pseudonymKey, Map<String, String> env) {
        EnvironmentSettings variables = new EnvironmentSettings(env);
        return new LocalSettings(
                home,
                gatewayJar,
                portalJar,
                variables.integer("NOKO_GATEWAY_PORT", 8080),
                variables.integer("NOKO_PORTAL_PORT", 8090),
                variables.integer("NOKO_KAFKA_PORT", 19092),
                variables.integer("NOKO_KAFKA_CONTROLLER_PORT", 19093),
                variables.integer("NOKO_CLICKHOUSE_PORT", ClickHouseTarget.DEFAULT_PORT),
                variables.integer("NOKO_CLICKHOUSE_HTTP_PORT", 18123),
                variables.integer("NOKO_FLINK_PORT", 18081),
                variables.integer("NOKO_POSTGRES_PORT", 15432),
                DATABASE,
                TOPIC,
                PARTITIONS,
                pseudonymKey);
    }
}
