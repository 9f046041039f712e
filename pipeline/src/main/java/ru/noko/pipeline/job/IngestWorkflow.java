package ru.noko.pipeline.job;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.antifraud.OrganizedSession;
import ru.noko.pipeline.antifraud.ResponseScreening;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.antifraud.SplitUndecodableSessions;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.response.SplitUndecodable;
import ru.noko.pipeline.results.OrganizationFact;
import ru.noko.pipeline.results.OrganizationMetricRow;
import ru.noko.pipeline.results.OrganizationResults;
import ru.noko.pipeline.results.OrganizationSnapshot;
import ru.noko.pipeline.results.SplitUndecodableFacts;
import ru.noko.pipeline.results.TerritoryMetricRow;
import ru.noko.pipeline.results.TerritoryResults;

/**
 * The ingest job's dataflow over the inputs and sinks it is given: unreadable records set aside with their reason,
 * every response judged by the anti-fraud checks, live figures and coverage per organization rolled up to
 * municipalities and regions. It knows neither Kafka nor ClickHouse, so the same workflow runs in the job
 * ({@link ResponseIngestJob#defineWorkflow}) and over bounded data with collecting sinks in tests. Operator uids are
 * part of the job's checkpoints: keep them when changing the wiring.
 */
public final class IngestWorkflow {

    private IngestWorkflow() {}

    /**
     * Defines the workflow with the anti-fraud rules and models of the campaigns this deployment knows; responses of
     * other campaigns get the default rules and no figures.
     *
     * @param campaignsFolder extra campaign files, or empty for the bundled ones only
     */
    public static void define(IngestSources sources, IngestSinks sinks, String campaignsFolder) throws IOException {
        Map<String, AntiFraudSettings> antiFraud = ResponseScreening.rules(Campaigns.load(campaignsFolder));
        SingleOutputStreamOperator<ResponseRow> responses = sources.responses()
                .process(new SplitUndecodable())
                .uid("split-undecodable")
                .name("split undecodable records");
        sinks.surveyResponses(responses);
        SingleOutputStreamOperator<OrganizedSession> sessions = sources.sessions()
                .process(new SplitUndecodableSessions())
                .uid("split-undecodable-sessions")
                .name("split undecodable sessions");
        sinks.organizedSessions(sessions);

        ResponseScreening.Screened screened = ResponseScreening.screen(responses, sessions, antiFraud);
        sinks.lateResponses(screened.late());
        sinks.responseVerdicts(screened.responses());

        SingleOutputStreamOperator<OrganizationFact> facts =
                liveResults(sources, sinks, screened.responses(), campaignsFolder);
        sinks.undecodableRecords(responses
                .getSideOutput(SplitUndecodable.UNDECODABLE)
                .union(
                        sessions.getSideOutput(SplitUndecodable.UNDECODABLE),
                        facts.getSideOutput(SplitUndecodable.UNDECODABLE)));
    }

    /**
     * Live figures and coverage per organization from the judged responses, the registry, the self-assessments and
     * the verdicts the batch re-check corrected, rolled up to municipalities and regions. Returns the facts stream,
     * whose unreadable records the caller keeps.
     */
    private static SingleOutputStreamOperator<OrganizationFact> liveResults(
            IngestSources sources, IngestSinks sinks, DataStream<ScreenedResponse> screened, String campaignsFolder) {
        SingleOutputStreamOperator<OrganizationFact> facts = sources.registry()
                .union(sources.selfAssessments(), sources.verdictCorrections())
                .process(new SplitUndecodableFacts())
                .uid("split-undecodable-facts")
                .name("split undecodable facts");
        sinks.organizations(facts.filter(fact -> OrganizationFact.REGISTRY.equals(fact.kind))
                .uid("registry-entries")
                .name("registry entries"));
        sinks.selfAssessments(facts.filter(fact -> OrganizationFact.SELF_ASSESSMENT.equals(fact.kind))
                .uid("self-assessments-filed")
                .name("self-assessments filed"));

        SingleOutputStreamOperator<OrganizationMetricRow> organizationResults = screened.keyBy(OrganizationResults::key)
                .connect(facts.keyBy(fact -> fact.organizationId))
                .process(new OrganizationResults(campaignsFolder))
                .uid("organization-results")
                .name("organization results");
        sinks.organizationResults(organizationResults);
        sinks.organizationCoverage(organizationResults.getSideOutput(OrganizationResults.COVERAGE));

        SingleOutputStreamOperator<TerritoryMetricRow> territoryResults = organizationResults
                .getSideOutput(OrganizationResults.SNAPSHOTS)
                .keyBy(OrganizationSnapshot::territoryKey)
                .process(new TerritoryResults(campaignsFolder))
                .uid("territory-results")
                .name("territory results");
        sinks.territoryResults(territoryResults);
        sinks.territoryCoverage(territoryResults.getSideOutput(TerritoryResults.COVERAGE));
        return facts;
    }
}
