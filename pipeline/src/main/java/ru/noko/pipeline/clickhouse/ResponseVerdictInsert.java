package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.antifraud.ScreenedResponse;

/**
 * Row of {@code response_verdicts} (migrations V002, V012), keyed by response id. The stream's verdicts are version 0;
 * the batch re-check writes its corrections with a higher version ({@link #RECHECK}), so they stay.
 */
public class ResponseVerdictInsert implements JdbcQueryStatement<ScreenedResponse> {

    public static final String LIVE = "live";
    public static final String RECHECK = "recheck";
    static final String SQL = "INSERT INTO response_verdicts (response_id, campaign_id, organization_id,"
            + " respondent_role, submitted_at, received_at, verdict, rejections, flags, version, checked_by)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final long version;
    private final String checkedBy;

    /** The stream's verdicts. */
    public ResponseVerdictInsert() {
        this(0, LIVE);
    }

    public ResponseVerdictInsert(long version, String checkedBy) {
        this.version = version;
        this.checkedBy = checkedBy;
    }

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
        insert.setTimestamp(6, new Timestamp(screened.receivedAtMillis));
        insert.setString(7, screened.verdict());
        insert.setString(8, screened.rejections);
        insert.setString(9, screened.flags);
        insert.setLong(10, version);
        insert.setString(11, checkedBy);
    }
}
