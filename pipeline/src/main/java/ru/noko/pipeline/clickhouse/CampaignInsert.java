package ru.noko.pipeline.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import ru.noko.pipeline.campaign.CampaignRow;

/** Row of {@code campaigns} (migration V017). */
public class CampaignInsert implements JdbcQueryStatement<CampaignRow> {

    static final String SQL = "INSERT INTO campaigns (campaign_id, title, instrument, model, edition, coverage_target,"
            + " previous_campaign_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public String query() {
        return SQL;
    }

    @Override
    public void statement(PreparedStatement insert, CampaignRow row) throws SQLException {
        insert.setString(1, row.campaignId);
        insert.setString(2, row.title);
        insert.setString(3, row.instrument);
        insert.setString(4, row.model);
        insert.setString(5, row.edition);
        insert.setDouble(6, row.coverageTarget);
        insert.setString(7, row.previousCampaignId == null ? "" : row.previousCampaignId);
        insert.setLong(8, row.version);
    }
}
