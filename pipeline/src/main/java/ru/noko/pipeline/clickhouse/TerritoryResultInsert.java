package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.results.TerritoryMetricRow;

/** Row of {@code territory_results} (migrations V005, V009), versioned by its organizations' changes. */
public class TerritoryResultInsert implements JdbcQueryStatement<TerritoryMetricRow> {

    static final String SQL = "INSERT INTO territory_results (campaign_id, region, municipality, organization_type,"
            + " metric_id, metric_name, basis, value, published, mean, mean_published, respondent_weighted,"
            + " respondent_weighted_published, pooled, pooled_published, organizations, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
        insert.setString(7, row.basis);
        insert.setDouble(8, row.value);
        insert.setDouble(9, row.published);
        insert.setDouble(10, row.mean);
        insert.setDouble(11, row.meanPublished);
        insert.setDouble(12, row.respondentWeighted);
        insert.setDouble(13, row.respondentWeightedPublished);
        insert.setDouble(14, row.pooled);
        insert.setDouble(15, row.pooledPublished);
        insert.setLong(16, row.organizations);
        insert.setLong(17, row.version);
    }
}
