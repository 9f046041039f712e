package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.results.OrganizationMetricRow;

/** Row of {@code organization_results} (migrations V004, V008, V016), versioned by the changes applied. */
public class OrganizationResultInsert implements JdbcQueryStatement<OrganizationMetricRow> {

    static final String SQL = "INSERT INTO organization_results (campaign_id, organization_id, metric_id, metric_name,"
            + " value, published, exact, numerator, denominator, parts, status, note, weights_rescaled, responses, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
        insert.setLong(8, row.numerator);
        insert.setLong(9, row.denominator);
        insert.setString(10, row.parts);
        insert.setString(11, row.status);
        insert.setString(12, row.note);
        insert.setLong(13, row.weightsRescaled ? 1 : 0);
        insert.setLong(14, row.responses);
        insert.setLong(15, row.version);
    }
}
