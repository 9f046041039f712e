package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.response.UndecodableRecord;

/** Row of {@code undecodable_records} (migration V001), keyed by topic, partition and offset. */
public class UndecodableRecordInsert implements JdbcQueryStatement<UndecodableRecord> {

    static final String SQL =
            "INSERT INTO undecodable_records (topic, kafka_partition, kafka_offset, payload_bytes, error)"
                    + " VALUES (?, ?, ?, ?, ?)";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement insert, UndecodableRecord record) throws SQLException {
        insert.setString(1, record.topic);
        insert.setLong(2, record.kafkaPartition);
        insert.setLong(3, record.kafkaOffset);
        insert.setLong(4, record.payloadBytes);
        insert.setString(5, record.error);
    }
}
