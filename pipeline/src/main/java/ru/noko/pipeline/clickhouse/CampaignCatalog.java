package ru.noko.pipeline.clickhouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * Writes the campaigns this deployment knows into {@code campaigns} (migration V017) when the job starts, so
 * dashboards and exports can name a campaign and find its previous one. Campaign files change only with a new start
 * of the job, so writing them then, like the migrations, keeps the table current; the start time as the version lets
 * the newest start's rows replace older ones.
 */
public final class CampaignCatalog {

    static final String SQL = "INSERT INTO campaigns (campaign_id, title, instrument, model, edition, coverage_target,"
            + " previous_campaign_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private CampaignCatalog() {}

    public static void write(ClickHouseTarget target, Campaigns campaigns, long version) throws SQLException {
        try (Connection connection = target.connect();
                PreparedStatement insert = connection.prepareStatement(SQL)) {
            for (Campaign campaign : campaigns.all()) {
                insert.setString(1, campaign.id());
                insert.setString(
                        2,
                        campaign.definition().title() == null
                                ? campaign.id()
                                : campaign.definition().title());
                insert.setString(3, campaign.definition().instrument());
                insert.setString(4, campaign.definition().model());
                insert.setString(
                        5,
                        campaign.definition().edition() == null
                                ? ""
                                : campaign.definition().edition().name());
                insert.setDouble(6, campaign.coverage().target().doubleValue());
                insert.setString(7, campaign.definition().previous());
                insert.setLong(8, version);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
