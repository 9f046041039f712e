package ru.noko.pipeline.results;

/** An organization's self-assessment for a campaign, as read from its topic: the inputs as a JSON object. */
public class SelfAssessmentRecord {
    public String campaignId;
    public String organizationId;
    public String inputsJson;

    public SelfAssessmentRecord() {}

    public static String key(SelfAssessmentRecord record) {
        return record.campaignId + "|" + record.organizationId;
    }
}
