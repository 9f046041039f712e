package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.results.TerritoryMetricRow;

/** Row of {@code territory_results} (migration V005), versioned by its organizations' changes. */
public class TerritoryResultInsert implements JdbcQueryStatement<TerritoryMetricRow> {

    static final String SQL = "INSERT INTO territory_results (campaign_id, region, municipality, organization_type,"
            + " metric_id, metric_name, mean, respondent_weighted, organizations, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement insert, TerritoryMetricRow row) throws SQLException {
        insert.setString(1, row.campaignId);
        insert.setString(2, row.region);
        insert.setString(3, row.municipality);
        insert.setString(4, row.organizationType);
        insert.setString(5, row.metricId);
        insert.setString(6, row.metricName);
        insert.setDouble(7, row.mean);
        insert.setDouble(8, row.respondentWeighted);
        insert.setLong(9, row.organizations);
        insert.setLong(10, row.version);
    }
}
