package ru.noko.pipeline.clickhouse;

import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.job.PipelineConfig;

/**
 * Flink JDBC sinks into ClickHouse over the native protocol (clickhouse-native-jdbc, the driver that talks to both
 * 18.16 and current releases). At-least-once: the sink flushes its batch on every checkpoint, and a restart replays
 * from the checkpoint; tables are ReplacingMergeTree keyed by the record's identity, so replays do not add rows.
 */
public final class ClickHouseSinks {

    static final String DRIVER = "com.github.housepower.jdbc.ClickHouseDriver";
    private static final int MAX_RETRIES = 5;

    private ClickHouseSinks() {}

    public static <T> JdbcSink<T> sink(PipelineConfig config, JdbcQueryStatement<T> statement) {
        return JdbcSink.<T>builder()
                .withQueryStatement(statement)
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize(config.sinkBatchSize())
                        .withBatchIntervalMs(config.sinkFlushInterval().toMillis())
                        .withMaxRetries(MAX_RETRIES)
                        .build())
                .buildAtLeastOnce(new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(config.clickHouse().jdbcUrl())
                        .withDriverName(DRIVER)
                        .withUsername(config.clickHouse().user())
                        .withPassword(config.clickHouse().password())
                        .build());
    }
}
