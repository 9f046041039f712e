package ru.noko.pipeline.job;

import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import ru.noko.pipeline.antifraud.LateResponse;
import ru.noko.pipeline.antifraud.OrganizedSession;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.campaign.CampaignRow;
import ru.noko.pipeline.clickhouse.CampaignInsert;
import ru.noko.pipeline.clickhouse.ClickHouseSinks;
import ru.noko.pipeline.clickhouse.CoverageInsert;
import ru.noko.pipeline.clickhouse.LateResponseInsert;
import ru.noko.pipeline.clickhouse.OrganizationResultInsert;
import ru.noko.pipeline.clickhouse.OrganizedSessionInsert;
import ru.noko.pipeline.clickhouse.RegistryInsert;
import ru.noko.pipeline.clickhouse.ResponseVerdictInsert;
import ru.noko.pipeline.clickhouse.SelfAssessmentInsert;
import ru.noko.pipeline.clickhouse.SurveyResponseInsert;
import ru.noko.pipeline.clickhouse.TerritoryResultInsert;
import ru.noko.pipeline.clickhouse.UndecodableRecordInsert;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.response.UndecodableRecord;
import ru.noko.pipeline.results.CoverageRow;
import ru.noko.pipeline.results.OrganizationFact;
import ru.noko.pipeline.results.OrganizationMetricRow;
import ru.noko.pipeline.results.TerritoryMetricRow;

/** The job's results, each into its ClickHouse table; a sink's uid names its table, as the job's checkpoints know it. */
final class ClickHouseTables implements IngestSinks {

    private final ClickHouseSinks sinks;

    ClickHouseTables(ClickHouseSinks sinks) {
        this.sinks = sinks;
    }

    @Override
    public void surveyResponses(DataStream<ResponseRow> responses) {
        write(responses, sinks.sink(new SurveyResponseInsert()), "survey_responses");
    }

    @Override
    public void responseVerdicts(DataStream<ScreenedResponse> verdicts) {
        write(verdicts, sinks.liveSink(new ResponseVerdictInsert()), "response_verdicts");
    }

    @Override
    public void lateResponses(DataStream<LateResponse> late) {
        write(late, sinks.sink(new LateResponseInsert()), "late_responses");
    }

    @Override
    public void organizedSessions(DataStream<OrganizedSession> sessions) {
        write(sessions, sinks.sink(new OrganizedSessionInsert()), "organized_sessions");
    }

    @Override
    public void organizations(DataStream<OrganizationFact> registry) {
        write(registry, sinks.sink(new RegistryInsert()), "organizations");
    }

    @Override
    public void selfAssessments(DataStream<OrganizationFact> selfAssessments) {
        write(selfAssessments, sinks.sink(new SelfAssessmentInsert()), "self_assessments");
    }

    @Override
    public void organizationResults(DataStream<OrganizationMetricRow> figures) {
        write(figures, sinks.liveSink(new OrganizationResultInsert()), "organization_results");
    }

    @Override
    public void organizationCoverage(DataStream<CoverageRow> coverage) {
        write(coverage, sinks.sink(new CoverageInsert.Organizations()), "organization_coverage");
    }

    @Override
    public void territoryResults(DataStream<TerritoryMetricRow> figures) {
        write(figures, sinks.sink(new TerritoryResultInsert()), "territory_results");
    }

    @Override
    public void territoryCoverage(DataStream<CoverageRow> coverage) {
        write(coverage, sinks.sink(new CoverageInsert.Territories()), "territory_coverage");
    }

    @Override
    public void campaigns(DataStream<CampaignRow> campaigns) {
        write(campaigns, sinks.sink(new CampaignInsert()), "campaigns");
    }

    @Override
    public void undecodableRecords(DataStream<UndecodableRecord> records) {
        write(records, sinks.sink(new UndecodableRecordInsert()), "undecodable_records");
    }

    /** uid clickhouse-survey-responses for survey_responses, and so on. */
    private <T> void write(DataStream<T> rows, JdbcSink<T> sink, String table) {
        rows.sinkTo(sink).uid("clickhouse-" + table.replace('_', '-')).name("ClickHouse " + table);
    }
}
