package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.results.OrganizationMetricRow;

/** Row of {@code organization_results} (migrations V004, V008), versioned by the changes applied. */
public class OrganizationResultInsert implements JdbcQueryStatement<OrganizationMetricRow> {

    static final String SQL = "INSERT INTO organization_results (campaign_id, organization_id, metric_id, metric_name,"
            + " value, published, exact, status, note, weights_rescaled, responses, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
        insert.setDouble(6, row.published);
        insert.setString(7, row.exact);
        insert.setString(8, row.status);
        insert.setString(9, row.note);
        insert.setLong(10, row.weightsRescaled ? 1 : 0);
        insert.setLong(11, row.responses);
        insert.setLong(12, row.version);
    }
}
