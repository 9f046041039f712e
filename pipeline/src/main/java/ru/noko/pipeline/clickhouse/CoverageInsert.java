package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.results.CoverageRow;

/** Rows of {@code organization_coverage} or {@code territory_coverage} (migrations V006, V010). */
public abstract class CoverageInsert implements JdbcQueryStatement<CoverageRow> {

    /** Organization coverage. */
    public static class Organizations extends CoverageInsert {
        @Override
        public String query() {
            return "INSERT INTO organization_coverage (campaign_id, organization_id, role, responses, contingent, required,"
                    + " share, met, representative, level, version, weights_rescaled)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        }

        @Override
        public void statement(PreparedStatement insert, CoverageRow row) throws SQLException {
            insert.setString(1, row.campaignId);
            insert.setString(2, row.organizationId);
            common(insert, 3, row);
            insert.setLong(12, row.weightsRescaled ? 1 : 0);
        }
    }

    /** Territory coverage. */
    public static class Territories extends CoverageInsert {
        @Override
        public String query() {
            return "INSERT INTO territory_coverage (campaign_id, region, municipality, organization_type, role, responses,"
                    + " contingent, required, share, met, organizations, representative, level, version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        }

        @Override
        public void statement(PreparedStatement insert, CoverageRow row) throws SQLException {
            insert.setString(1, row.campaignId);
            insert.setString(2, row.region);
            insert.setString(3, row.municipality);
            insert.setString(4, row.organizationType);
            insert.setString(5, row.role);
            insert.setLong(6, row.responses);
            insert.setLong(7, row.contingent);
            insert.setLong(8, row.required);
            insert.setDouble(9, row.share);
            insert.setLong(10, row.met ? 1 : 0);
            insert.setLong(11, row.organizations);
            insert.setLong(12, row.representative);
            insert.setString(13, row.level);
            insert.setLong(14, row.version);
        }
    }

    /** role, responses, contingent, required, share, met, representative, level, version from {@code index} on. */
    static void common(PreparedStatement insert, int index, CoverageRow row) throws SQLException {
        insert.setString(index, row.role);
        insert.setLong(index + 1, row.responses);
        insert.setLong(index + 2, row.contingent);
        insert.setLong(index + 3, row.required);
        insert.setDouble(index + 4, row.share);
        insert.setLong(index + 5, row.met ? 1 : 0);
        insert.setLong(index + 6, row.representative);
        insert.setString(index + 7, row.level);
        insert.setLong(index + 8, row.version);
    }
}
