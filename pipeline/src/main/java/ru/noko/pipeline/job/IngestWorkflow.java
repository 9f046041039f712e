package ru.noko.pipeline.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import ru.noko.pipeline.antifraud.OrganizedSession;
import ru.noko.pipeline.antifraud.ResponseScreening;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.antifraud.SplitUndecodableSessions;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.response.ResponseRowSerializer;
import ru.noko.pipeline.response.SplitUndecodable;
import ru.noko.pipeline.results.CheckFacts;
import ru.noko.pipeline.results.OrganizationFact;
import ru.noko.pipeline.results.OrganizationInput;
import ru.noko.pipeline.results.OrganizationInputSerializer;
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
     * Defines the workflow with the campaigns the job starts with; those published while it runs arrive on
     * {@link IngestSources#campaigns} and are broadcast to every operator that needs a campaign, each keeping them in
     * its broadcast state. Responses of campaigns the job does not know get the default rules and no figures.
     */
    public static void define(IngestSources sources, IngestSinks sinks, CampaignBook book) {
        SingleOutputStreamOperator<ResponseRow> responses = sources.responses()
                .process(new SplitUndecodable())
                .returns(ResponseRowSerializer.TYPE)
                .uid("split-undecodable")
                .name("split undecodable records");
        sinks.surveyResponses(responses);
        SingleOutputStreamOperator<OrganizedSession> sessions = sources.sessions()
                .process(new SplitUndecodableSessions())
                .uid("split-undecodable-sessions")
                .name("split undecodable sessions");
        sinks.organizedSessions(sessions);

        ResponseScreening.Screened screened = ResponseScreening.screen(responses, sessions, sources.campaigns(), book);
        sinks.lateResponses(screened.late());
        sinks.responseVerdicts(screened.responses());
        sinks.campaigns(screened.campaigns());

        SingleOutputStreamOperator<OrganizationFact> facts = sources.registry()
                .union(sources.selfAssessments(), sources.verdictCorrections())
                .process(new SplitUndecodableFacts())
                .uid("split-undecodable-facts")
                .name("split undecodable facts");
        SingleOutputStreamOperator<OrganizationFact> checked = facts.connect(
                        sources.campaigns().broadcast(CampaignBook.STATE))
                .process(new CheckFacts(book))
                .uid("check-facts")
                .name("check facts against their campaigns");
        liveResults(sources, sinks, screened.responses(), checked, book);
        sinks.undecodableRecords(responses
                .getSideOutput(SplitUndecodable.UNDECODABLE)
                .union(
                        sessions.getSideOutput(SplitUndecodable.UNDECODABLE),
                        facts.getSideOutput(SplitUndecodable.UNDECODABLE),
                        checked.getSideOutput(SplitUndecodable.UNDECODABLE)));
    }

    /**
     * Live figures and coverage per organization from the judged responses, the registry, the self-assessments and
     * the verdicts the batch re-check corrected, rolled up to municipalities and regions.
     */
    private static void liveResults(
            IngestSources sources,
            IngestSinks sinks,
            DataStream<ScreenedResponse> screened,
            DataStream<OrganizationFact> facts,
            CampaignBook book) {
        sinks.organizations(facts.filter(fact -> OrganizationFact.REGISTRY.equals(fact.kind))
                .uid("registry-entries")
                .name("registry entries"));
        sinks.selfAssessments(facts.filter(fact -> OrganizationFact.SELF_ASSESSMENT.equals(fact.kind))
                .uid("self-assessments-filed")
                .name("self-assessments filed"));

        DataStream<OrganizationInput> inputs = screened.map(OrganizationInput::of)
                .returns(OrganizationInputSerializer.TYPE)
                .uid("organization-inputs-responses")
                .name("responses to the figures")
                .union(facts.map(OrganizationInput::of)
                        .returns(OrganizationInputSerializer.TYPE)
                        .uid("organization-inputs-facts")
                        .name("facts to the figures"));
        SingleOutputStreamOperator<OrganizationMetricRow> organizationResults = inputs.keyBy(OrganizationResults::key)
                .connect(sources.campaigns().broadcast(CampaignBook.STATE))
                .process(new OrganizationResults(book))
                .uid("organization-results")
                .name("organization results");
        sinks.organizationResults(organizationResults);
        sinks.organizationCoverage(organizationResults.getSideOutput(OrganizationResults.COVERAGE));

        SingleOutputStreamOperator<TerritoryMetricRow> territoryResults = organizationResults
                .getSideOutput(OrganizationResults.SNAPSHOTS)
                .keyBy(OrganizationSnapshot::territoryKey)
                .connect(sources.campaigns().broadcast(CampaignBook.STATE))
                .process(new TerritoryResults(book))
                .uid("territory-results")
                .name("territory results");
        sinks.territoryResults(territoryResults);
        sinks.territoryCoverage(territoryResults.getSideOutput(TerritoryResults.COVERAGE));
    }
}
