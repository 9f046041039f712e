package ru.noko.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.noko.pipeline.testing.GeneratedCampaigns.awaitFigures;
import static ru.noko.pipeline.testing.GeneratedCampaigns.publishFacts;
import static ru.noko.pipeline.testing.GeneratedCampaigns.sorted;
import static ru.noko.pipeline.testing.GeneratedCampaigns.verdicts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.pipeline.generator.CampaignGenerator;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.pipeline.testing.ResponseTopic;
import ru.noko.pipeline.testing.SurveyResponses;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/**
 * A generated campaign with its fraud patterns goes through Kafka and the job, shuffled; every verdict in ClickHouse
 * must be the one the generator knows is right.
 */
class GeneratedCampaignVerdictsTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private static final List<String> TABLES = List.of(
            "SELECT concat(response_id, ' ', verdict, ' ', rejections, ' ', flags) FROM response_verdicts FINAL",
            "SELECT concat(organization_id, ' ', metric_id, ' ', toString(value), ' ', status, ' ', toString(responses))"
                    + " FROM organization_results FINAL",
            "SELECT concat(region, ' ', municipality, ' ', organization_type, ' ', metric_id, ' ', toString(mean), ' ',"
                    + " toString(respondent_weighted), ' ', toString(organizations)) FROM territory_results FINAL",
            "SELECT concat(organization_id, ' ', role, ' ', toString(responses), ' ', toString(required), ' ',"
                    + " toString(met), ' ', toString(representative), ' ', level) FROM organization_coverage FINAL",
            "SELECT concat(region, ' ', municipality, ' ', organization_type, ' ', role, ' ', toString(responses), ' ',"
                    + " toString(representative), ' ', level) FROM territory_coverage FINAL");

    @Test
    void everyVerdictMatchesTheGeneratorsGroundTruth() throws Exception {
        GeneratedCampaign campaign = new CampaignGenerator(42, 12, 20).generate();
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "generated", 2);
        IngestJobRunner runner = runner("generated", topic);
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        publishFacts(campaign, topic);
        topic.send(campaign.responses());
        topic.send(List.of(sentinel()));

        assertThat(verdictsOnceAllAreIn(runner, clickHouse, campaign)).isEqualTo(campaign.expectedVerdicts());
        assertThat(campaign.expectedVerdicts().values())
                .contains(
                        "accepted",
                        "rejected:DUPLICATE_EMAIL",
                        "rejected:DUPLICATE_DEVICE",
                        "rejected:IP_LIMIT_ORGANIZATION",
                        "rejected:TOO_FAST");
        assertThat(clickHouse.count("SELECT count() FROM late_responses")).isZero();
    }

    @Test
    void whenResponsesStopComingTheLastOnesGetTheirVerdictsWithoutWaitingForMore() throws Exception {
        GeneratedCampaign campaign = new CampaignGenerator(3, 6, 10).generate();
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "generated-quiet", 2);
        // No later response follows; the watermark catches up with the clock once the topic has been quiet. The
        // campaign's responses were received months ago, so the partitions count as working through a backlog and
        // follow the clock after the idleness (2 s here), not after half a second.
        IngestJobRunner runner = new IngestJobRunner(
                "generated_quiet",
                topic.name(),
                Map.of("NOKO_MAX_OUT_OF_ORDERNESS", "12h", "NOKO_SOURCE_IDLENESS", "2s", "NOKO_QUIET_CATCH_UP", "2s"));
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        publishFacts(campaign, topic);
        topic.send(campaign.responses());

        assertThat(verdictsOnceAllAreIn(runner, clickHouse, campaign)).isEqualTo(campaign.expectedVerdicts());
    }

    @Test
    void aJobStoppedMidStreamAndRestoredFromItsCheckpointWritesTheSameTables() throws Exception {
        GeneratedCampaign campaign = new CampaignGenerator(7, 8, 15).generate();
        ResponseTopic onceTopic = new ResponseTopic(DevStack.kafka(), "generated-once", 2);
        ResponseTopic restartTopic = new ResponseTopic(DevStack.kafka(), "generated-restart", 2);
        IngestJobRunner once = runner("generated_once", onceTopic);
        IngestJobRunner restarted = runner("generated_restart", restartTopic);
        int half = campaign.responses().size() / 2;
        for (ResponseTopic topic : List.of(onceTopic, restartTopic)) {
            publishFacts(campaign, topic);
            topic.send(campaign.responses().subList(0, half));
        }

        // Uninterrupted: the whole campaign, then the response that moves the watermark past it.
        onceTopic.send(campaign.responses().subList(half, campaign.responses().size()));
        onceTopic.send(List.of(sentinel()));
        JobClient whole = once.start();
        ClickHouseQueries onceTables = new ClickHouseQueries(once.clickHouse());
        try {
            onceTables.awaitCount(
                    "SELECT count() FROM response_verdicts",
                    n -> n >= campaign.responses().size(),
                    WAIT);
            awaitFigures(onceTables, campaign, WAIT);
        } finally {
            whole.cancel().get();
        }

        // Stopped once a checkpoint holds the whole first half: read, and waiting in state for the watermark.
        ClickHouseQueries restartTables = new ClickHouseQueries(restarted.clickHouse());
        JobClient first = restarted.start();
        Map<TopicPartition, Long> checkpointed = restarted.awaitCheckpointOfEverythingSent(WAIT);
        first.cancel().get();
        assertThat(checkpointed.get(new TopicPartition(restartTopic.name(), 0))
                        + checkpointed.get(new TopicPartition(restartTopic.name(), 1)))
                .as("responses in the checkpoint")
                .isEqualTo(half);
        assertThat(restartTables.count("SELECT count() FROM response_verdicts"))
                .as("no verdict yet: the responses were judged from the checkpoint, after the restart")
                .isZero();
        restartTopic.send(
                campaign.responses().subList(half, campaign.responses().size()));
        restartTopic.send(List.of(sentinel()));
        JobClient second = restarted.startFrom(restarted.awaitLatestCheckpoint(WAIT));
        try {
            restartTables.awaitCount(
                    "SELECT count() FROM response_verdicts",
                    n -> n >= campaign.responses().size(),
                    WAIT);
            awaitFigures(restartTables, campaign, WAIT);
        } finally {
            second.cancel().get();
        }

        for (String table : TABLES) {
            List<String> expected = sorted(onceTables.strings(table));
            assertThat(expected).as(table).isNotEmpty();
            assertThat(sorted(restartTables.strings(table))).as(table).isEqualTo(expected);
        }
    }

    /**
     * Out-of-orderness covering the whole campaign: the shuffled responses are judged in event-time order once the
     * last, much later response moves the watermark past them all. No catching up when quiet: the restart test
     * stops the job with the first half held in state, which catching up would judge before the second half came.
     */
    private static IngestJobRunner runner(String name, ResponseTopic topic) throws Exception {
        return new IngestJobRunner(
                name,
                topic.name(),
                Map.of("NOKO_MAX_OUT_OF_ORDERNESS", "12h", "NOKO_SOURCE_IDLENESS", "2s", "NOKO_QUIET_CATCH_UP", "0s"));
    }

    /** Runs the job until every response has its verdict (and no more): response id → "verdict" or "verdict:reasons". */
    private static Map<String, String> verdictsOnceAllAreIn(
            IngestJobRunner runner, ClickHouseQueries clickHouse, GeneratedCampaign campaign) throws Exception {
        JobClient job = runner.start();
        try {
            assertThat(clickHouse.awaitCount(
                            "SELECT count() FROM response_verdicts",
                            n -> n >= campaign.responses().size(),
                            WAIT))
                    .isEqualTo(campaign.responses().size());
        } finally {
            job.cancel().get();
        }
        return verdicts(clickHouse, campaign, WAIT);
    }

    private static SurveyResponse sentinel() {
        return SurveyResponses.response(86_400 * 3);
    }
}
