package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.antifraud.OrganizedSession;

/** Row of {@code organized_sessions} (migrations V014, V018): a registration or a cancellation as the checks received it. */
public class OrganizedSessionInsert implements JdbcQueryStatement<OrganizedSession> {

    static final String SQL = "INSERT INTO organized_sessions (session_id, campaign_id, organization_id, ip_hmac,"
            + " from_ms, to_ms, participants, cancelled, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement insert, OrganizedSession session) throws SQLException {
        insert.setString(1, session.sessionId);
        insert.setString(2, session.campaignId);
        insert.setString(3, session.organizationId);
        insert.setString(4, session.ipHmac);
        insert.setLong(5, session.fromMillis);
        insert.setLong(6, session.toMillis);
        insert.setLong(7, session.participants);
        insert.setLong(8, session.cancelled ? 1 : 0);
        insert.setLong(9, session.version);
    }
}
