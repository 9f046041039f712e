package ru.noko.pipeline.testing;

import org.apache.flink.streaming.api.datastream.DataStream;
import ru.noko.pipeline.antifraud.LateResponse;
import ru.noko.pipeline.antifraud.OrganizedSession;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.campaign.CampaignRow;
import ru.noko.pipeline.job.IngestSinks;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.response.UndecodableRecord;
import ru.noko.pipeline.results.CoverageRow;
import ru.noko.pipeline.results.OrganizationFact;
import ru.noko.pipeline.results.OrganizationMetricRow;
import ru.noko.pipeline.results.TerritoryMetricRow;

/** The ingest workflow's results kept in memory, one collection per table the job would write. */
public final class CollectedTables implements IngestSinks {

    public final CollectingSink<ResponseRow> surveyResponses = new CollectingSink<>();
    public final CollectingSink<ScreenedResponse> responseVerdicts = new CollectingSink<>();
    public final CollectingSink<LateResponse> lateResponses = new CollectingSink<>();
    public final CollectingSink<OrganizedSession> organizedSessions = new CollectingSink<>();
    public final CollectingSink<OrganizationFact> organizations = new CollectingSink<>();
    public final CollectingSink<OrganizationFact> selfAssessments = new CollectingSink<>();
    public final CollectingSink<OrganizationMetricRow> organizationResults = new CollectingSink<>();
    public final CollectingSink<CoverageRow> organizationCoverage = new CollectingSink<>();
    public final CollectingSink<TerritoryMetricRow> territoryResults = new CollectingSink<>();
    public final CollectingSink<CoverageRow> territoryCoverage = new CollectingSink<>();
    public final CollectingSink<UndecodableRecord> undecodableRecords = new CollectingSink<>();
    public final CollectingSink<CampaignRow> campaigns = new CollectingSink<>();

    @Override
    public void surveyResponses(DataStream<ResponseRow> responses) {
        responses.sinkTo(surveyResponses).name("collect survey_responses");
    }

    @Override
    public void responseVerdicts(DataStream<ScreenedResponse> verdicts) {
        verdicts.sinkTo(responseVerdicts).name("collect response_verdicts");
    }

    @Override
    public void lateResponses(DataStream<LateResponse> late) {
        late.sinkTo(lateResponses).name("collect late_responses");
    }

    @Override
    public void organizedSessions(DataStream<OrganizedSession> sessions) {
        sessions.sinkTo(organizedSessions).name("collect organized_sessions");
    }

    @Override
    public void organizations(DataStream<OrganizationFact> registry) {
        registry.sinkTo(organizations).name("collect organizations");
    }

    @Override
    public void selfAssessments(DataStream<OrganizationFact> filed) {
        filed.sinkTo(selfAssessments).name("collect self_assessments");
    }

    @Override
    public void organizationResults(DataStream<OrganizationMetricRow> figures) {
        figures.sinkTo(organizationResults).name("collect organization_results");
    }

    @Override
    public void organizationCoverage(DataStream<CoverageRow> coverage) {
        coverage.sinkTo(organizationCoverage).name("collect organization_coverage");
    }

    @Override
    public void territoryResults(DataStream<TerritoryMetricRow> figures) {
        figures.sinkTo(territoryResults).name("collect territory_results");
    }

    @Override
    public void territoryCoverage(DataStream<CoverageRow> coverage) {
        coverage.sinkTo(territoryCoverage).name("collect territory_coverage");
    }

    @Override
    public void campaigns(DataStream<CampaignRow> published) {
        published.sinkTo(campaigns).name("collect campaigns");
    }

    @Override
    public void undecodableRecords(DataStream<UndecodableRecord> records) {
        records.sinkTo(undecodableRecords).name("collect undecodable_records");
    }
}
