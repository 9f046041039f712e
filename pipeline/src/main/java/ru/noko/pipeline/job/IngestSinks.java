package ru.noko.pipeline.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import ru.noko.pipeline.antifraud.LateResponse;
import ru.noko.pipeline.antifraud.OrganizedSession;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.campaign.CampaignRow;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.response.UndecodableRecord;
import ru.noko.pipeline.results.CoverageRow;
import ru.noko.pipeline.results.OrganizationFact;
import ru.noko.pipeline.results.OrganizationMetricRow;
import ru.noko.pipeline.results.TerritoryMetricRow;

/**
 * Where the ingest workflow's results go, one method per result, each attaching its sink to the stream it is given:
 * the job writes a ClickHouse table for each ({@link ClickHouseTables}), tests collect them.
 */
public interface IngestSinks {

    /** Every readable response, once per Kafka record (a replay writes it again). */
    void surveyResponses(DataStream<ResponseRow> responses);

    /** Every response with its anti-fraud verdict. */
    void responseVerdicts(DataStream<ScreenedResponse> verdicts);

    /** Responses a check judged on arrival because they came behind its watermark. */
    void lateResponses(DataStream<LateResponse> late);

    void organizedSessions(DataStream<OrganizedSession> sessions);

    /** Registry entries, as the live figures saw them. */
    void organizations(DataStream<OrganizationFact> registry);

    void selfAssessments(DataStream<OrganizationFact> selfAssessments);

    /** Live figures per organization, versioned: the newest version of a figure replaces the older ones. */
    void organizationResults(DataStream<OrganizationMetricRow> figures);

    void organizationCoverage(DataStream<CoverageRow> coverage);

    /** Live figures per municipality and region, versioned like the organizations'. */
    void territoryResults(DataStream<TerritoryMetricRow> figures);

    void territoryCoverage(DataStream<CoverageRow> coverage);

    /** Campaigns published while the job runs, as the job took them. */
    void campaigns(DataStream<CampaignRow> campaigns);

    /** Records of any input that could not be read, with the reason. */
    void undecodableRecords(DataStream<UndecodableRecord> records);
}
