package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.results.OrganizationFact;

/**
 * Row of {@code self_assessments} (migration V017): an organization filed its self-assessment for a campaign, with the
 * checked inputs, so analysts see who has not filed one.
 */
public class SelfAssessmentInsert implements JdbcQueryStatement<OrganizationFact> {

    static final String SQL =
            "INSERT INTO self_assessments (campaign_id, organization_id, inputs, version)" + " VALUES (?, ?, ?, ?)";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement insert, OrganizationFact fact) throws SQLException {
        insert.setString(1, fact.campaignId);
        insert.setString(2, fact.organizationId);
        insert.setString(3, fact.json);
        insert.setLong(4, fact.version);
    }
}
