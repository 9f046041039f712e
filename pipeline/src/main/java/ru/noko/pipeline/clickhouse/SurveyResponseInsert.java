package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.response.ResponseRow;

/**
 * Row of {@code survey_responses} (migrations V001, V011, V015, V019). Replays write the same row again, and a response
 * sent again later (the same id) another copy; the table keeps one per id, the copy received first, whatever order
 * they are written in. The times also to the millisecond, which the anti-fraud checks use.
 */
public class SurveyResponseInsert implements JdbcQueryStatement<ResponseRow> {

    static final String SQL =
            "INSERT INTO survey_responses (response_id, campaign_id, organization_id, respondent_role,"
                    + " answers, started_at, submitted_at, received_at, ip_hmac, user_agent, device_token, email_hmac,"
                    + " kafka_partition, kafka_offset, started_at_ms, submitted_at_ms, received_at_ms, idempotency_key)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement insert, ResponseRow row) throws SQLException {
        insert.setString(1, row.responseId);
        insert.setString(2, row.campaignId);
        insert.setString(3, row.organizationId);
        insert.setString(4, row.respondentRole);
        insert.setString(5, row.answersJson);
        insert.setTimestamp(6, new Timestamp(row.startedAtMillis));
        insert.setTimestamp(7, new Timestamp(row.submittedAtMillis));
        insert.setTimestamp(8, new Timestamp(row.receivedAtMillis));
        insert.setString(9, row.ipHmac);
        insert.setString(10, row.userAgent);
        insert.setString(11, row.deviceToken);
        insert.setString(12, row.emailHmac);
        insert.setLong(13, row.kafkaPartition);
        insert.setLong(14, row.kafkaOffset);
        insert.setLong(15, row.startedAtMillis);
        insert.setLong(16, row.submittedAtMillis);
        insert.setLong(17, row.receivedAtMillis);
        insert.setString(18, row.idempotencyKey == null ? "" : row.idempotencyKey);
    }
}
