package ru.noko.pipeline.clickhouse;

import java.time.Duration;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * Flink JDBC sinks into ClickHouse over the native protocol (clickhouse-native-jdbc, the driver that talks to both
 * 18.16 and current releases). At-least-once: the sink flushes its batch on every checkpoint, and a restart replays
 * from the checkpoint; tables are ReplacingMergeTree keyed by the record's identity, so replays do not add rows.
 *
 * @param target the server and database
 * @param batchSize rows per insert at most
 * @param flushInterval the longest a row waits in a batch that is not full
 * @param liveFlushInterval the same for the tables someone waits for (verdicts, live figures): shorter, at the price
 *     of more, smaller inserts under light load (under heavy load a batch fills first)
 */
public record ClickHouseSinks(
        ClickHouseTarget target, int batchSize, Duration flushInterval, Duration liveFlushInterval) {

    static final String DRIVER = "com.github.housepower.jdbc.ClickHouseDriver";
    private static final int MAX_RETRIES = 5;

    public <T> JdbcSink<T> sink(JdbcQueryStatement<T> statement) {
        return sink(statement, flushInterval);
    }

    /** A sink for a table someone waits for: flushed every {@link #liveFlushInterval}. */
    public <T> JdbcSink<T> liveSink(JdbcQueryStatement<T> statement) {
        return sink(statement, liveFlushInterval);
    }

    private <T> JdbcSink<T> sink(JdbcQueryStatement<T> statement, Duration interval) {
        return JdbcSink.<T>builder()
                .withQueryStatement(statement)
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize(batchSize)
                        .withBatchIntervalMs(interval.toMillis())
                        .withMaxRetries(MAX_RETRIES)
                        .build())
                .buildAtLeastOnce(new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(target.jdbcUrl())
                        .withDriverName(DRIVER)
                        .withUsername(target.user())
                        .withPassword(target.password())
                        .build());
    }
}
