package ru.noko.pipeline.clickhouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.campaign.CampaignRow;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * Writes the campaigns the job starts with into {@code campaigns} (migration V017), like the migrations, before the
 * job runs; campaigns published while it runs follow as the job takes them ({@code CampaignRulesCheck}). The start
 * time as the version lets the newest rows replace older ones.
 */
public final class CampaignCatalog {

    private CampaignCatalog() {}

    public static void write(ClickHouseTarget target, Campaigns campaigns, long version) throws SQLException {
        CampaignInsert rows = new CampaignInsert();
        try (Connection connection = target.connect();
                PreparedStatement insert = connection.prepareStatement(rows.query())) {
            for (Campaign campaign : campaigns.all()) {
                rows.statement(insert, CampaignRow.of(campaign, version));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
