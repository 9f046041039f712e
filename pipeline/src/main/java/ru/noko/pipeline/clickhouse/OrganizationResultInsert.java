package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.results.OrganizationMetricRow;

/** Row of {@code organization_results} (migration V004), versioned by the responses counted. */
public class OrganizationResultInsert implements JdbcQueryStatement<OrganizationMetricRow> {

    static final String SQL = "INSERT INTO organization_results (campaign_id, organization_id, metric_id, metric_name,"
            + " value, status, responses, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement insert, OrganizationMetricRow row) throws SQLException {
        insert.setString(1, row.campaignId);
        insert.setString(2, row.organizationId);
        insert.setString(3, row.metricId);
        insert.setString(4, row.metricName);
        insert.setDouble(5, row.value);
        insert.setString(6, row.status);
        insert.setLong(7, row.responses);
        insert.setLong(8, row.version);
    }
}
