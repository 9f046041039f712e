package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.antifraud.LateResponse;

/** Row of {@code late_responses} (migration V013), keyed by response id and check. */
public class LateResponseInsert implements JdbcQueryStatement<LateResponse> {

    static final String SQL = "INSERT INTO late_responses (response_id, campaign_id, organization_id, check_name,"
            + " submitted_at, received_at, watermark_at, behind_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement insert, LateResponse late) throws SQLException {
        insert.setString(1, late.responseId);
        insert.setString(2, late.campaignId);
        insert.setString(3, late.organizationId);
        insert.setString(4, late.check);
        insert.setTimestamp(5, new Timestamp(late.submittedAtMillis));
        insert.setTimestamp(6, new Timestamp(late.receivedAtMillis));
        insert.setTimestamp(7, new Timestamp(Math.max(0, late.watermarkMillis)));
        insert.setLong(8, Math.max(0, late.watermarkMillis - late.receivedAtMillis));
    }
}
