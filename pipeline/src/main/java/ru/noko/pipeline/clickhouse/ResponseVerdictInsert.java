package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.antifraud.ScreenedResponse;

/** Row of {@code response_verdicts} (migration V002), keyed by response id. */
public class ResponseVerdictInsert implements JdbcQueryStatement<ScreenedResponse> {

    static final String SQL = "INSERT INTO response_verdicts (response_id, campaign_id, organization_id,"
            + " respondent_role, submitted_at, verdict, rejections, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement insert, ScreenedResponse screened) throws SQLException {
        insert.setString(1, screened.responseId);
        insert.setString(2, screened.campaignId);
        insert.setString(3, screened.organizationId);
        insert.setString(4, screened.respondentRole);
        insert.setTimestamp(5, new Timestamp(screened.submittedAtMillis));
        insert.setString(6, screened.verdict());
        insert.setString(7, screened.rejections);
        insert.setString(8, screened.flags);
    }
}
