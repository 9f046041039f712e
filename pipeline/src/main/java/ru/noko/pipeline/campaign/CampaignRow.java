package ru.noko.pipeline.campaign;

import ru.noko.methodology.campaign.Campaign;

/**
 * A campaign as the {@code campaigns} table (migration V017) keeps it, so dashboards and exports can name a campaign
 * and find its previous one; the newest version of a campaign replaces the older ones. A Flink POJO.
 */
public class CampaignRow {
    public String campaignId;
    public String title;
    public String instrument;
    public String model;
    public String edition;
    public double coverageTarget;
    public String previousCampaignId;
    public long version;

    public CampaignRow() {}

    public static CampaignRow of(Campaign campaign, long version) {
        CampaignRow row = new CampaignRow();
        row.campaignId = campaign.id();
        row.title = campaign.definition().title() == null
                ? campaign.id()
                : campaign.definition().title();
        row.instrument = campaign.definition().instrument();
        row.model = campaign.definition().model();
        row.edition = campaign.definition().edition() == null
                ? ""
                : campaign.definition().edition().name();
        row.coverageTarget = campaign.coverage().target().doubleValue();
        row.previousCampaignId = campaign.definition().previous();
        row.version = version;
        return row;
    }
}
