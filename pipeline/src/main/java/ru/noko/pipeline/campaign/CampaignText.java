package ru.noko.pipeline.campaign;

/**
 * One campaign as the campaigns topic carries it: its id (the record's key) and the text of its campaign file. A Flink
 * POJO (public fields, no-argument constructor).
 */
public class CampaignText {
    public String id;
    public String text;
    /** The record's Kafka offset, for the ClickHouse table's version: a later publication replaces an earlier one. */
    public long version;

    public CampaignText() {}

    public static CampaignText of(String id, String text, long version) {
        CampaignText campaign = new CampaignText();
        campaign.id = id;
        campaign.text = text;
        campaign.version = version;
        return campaign;
    }
}
