package ru.noko.pipeline.tools.recheck;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.noko.pipeline.testing.GeneratedCampaigns.publishFacts;
import static ru.noko.pipeline.testing.GeneratedCampaigns.sorted;
import static ru.noko.pipeline.testing.GeneratedCampaigns.verdicts;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.job.IngestJobRunner;
import ru.noko.pipeline.testing.ResponseTopic;
import ru.noko.pipeline.tools.generator.CampaignGenerator;
import ru.noko.pipeline.tools.generator.GeneratedCampaign;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/**
 * A generated campaign fed to the live job with disorder far beyond its 2-second bound — eight hours of responses in
 * shuffled order — gets some verdicts wrong (late responses are judged on arrival); after {@code ./noko recheck} every
 * verdict is the one of the ordered run, and the live figures, corrected through the corrections topic, equal those of
 * a run that received the responses in order.
 */
class RecheckTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> FIGURES = List.of(
            "SELECT concat(organization_id, ' ', metric_id, ' ', exact, ' ', status, ' ', toString(responses), ' ',"
                    + " toString(weights_rescaled)) FROM organization_results FINAL",
            "SELECT concat(region, ' ', municipality, ' ', organization_type, ' ', metric_id, ' ', toString(published),"
                    + " ' ', toString(mean), ' ', toString(organizations)) FROM territory_results FINAL",
            "SELECT concat(organization_id, ' ', role, ' ', toString(responses), ' ', toString(met), ' ', level)"
                    + " FROM organization_coverage FINAL");

    @Test
    void aCampaignFedInDisorderEndsWithTheOrderedRunsVerdictsAndFiguresAfterTheRecheck() throws Exception {
        GeneratedCampaign campaign = new CampaignGenerator(5, 10, 15).generate();

        // The ordered run: one partition in receipt order, judged once the topic goes quiet (so the session is in).
        ResponseTopic orderedTopic = new ResponseTopic(DevStack.kafka(), "recheck-ordered", 1);
        IngestJobRunner ordered = new IngestJobRunner(
                "recheck_ordered",
                orderedTopic.name(),
                Map.of("NOKO_MAX_OUT_OF_ORDERNESS", "12h", "NOKO_SOURCE_IDLENESS", "2s", "NOKO_QUIET_CATCH_UP", "2s"));
        publishFacts(campaign, orderedTopic);
        orderedTopic.send(campaign.responses().stream()
                .sorted(Comparator.comparing(SurveyResponse::getReceivedAt))
                .toList());
        ClickHouseQueries orderedTables = new ClickHouseQueries(ordered.clickHouse());
        Map<String, List<String>> orderedFigures;
        JobClient orderedJob = ordered.start();
        try {
            assertThat(verdicts(orderedTables, campaign, WAIT)).isEqualTo(campaign.expectedVerdicts());
            orderedFigures = settledFigures(orderedTables);
        } finally {
            orderedJob.cancel().get();
        }

        // The disordered run: shuffled over two partitions, eight hours of receipts against a 2 s bound.
        ResponseTopic shuffledTopic = new ResponseTopic(DevStack.kafka(), "recheck-shuffled", 2);
        IngestJobRunner shuffled = new IngestJobRunner(
                "recheck_shuffled",
                shuffledTopic.name(),
                Map.of("NOKO_MAX_OUT_OF_ORDERNESS", "2s", "NOKO_SOURCE_IDLENESS", "2s", "NOKO_QUIET_CATCH_UP", "2s"));
        publishFacts(campaign, shuffledTopic);
        ClickHouseQueries shuffledTables = new ClickHouseQueries(shuffled.clickHouse());
        JobClient shuffledJob = shuffled.start();
        try {
            // Sent while the job runs, a few at a time, so the watermark moves on between them.
            List<SurveyResponse> responses = campaign.responses();
            for (int from = 0; from < responses.size(); from += 40) {
                shuffledTopic.send(responses.subList(from, Math.min(from + 40, responses.size())));
                Thread.sleep(300);
            }
            Map<String, String> live = verdicts(shuffledTables, campaign, WAIT);
            assertThat(live)
                    .as("disorder beyond the bound changes some live verdicts")
                    .isNotEqualTo(campaign.expectedVerdicts());
            assertThat(shuffledTables.strings("SELECT DISTINCT check_name FROM late_responses"))
                    .contains("organization");
            settledFigures(shuffledTables);

            Recheck recheck = new Recheck(shuffled.clickHouse(), Campaigns.load(""), 2);
            RecheckResult result = recheck.judge(
                    Campaigns.load("").find(CampaignGenerator.CAMPAIGN).orElseThrow());
            long wrong = live.entrySet().stream()
                    .filter(e ->
                            !e.getValue().equals(campaign.expectedVerdicts().get(e.getKey())))
                    .count();
            assertThat(result.responses()).isEqualTo(campaign.responses().size());
            assertThat(result.changes()).hasSize((int) wrong);
            assertThat(result.report(true)).contains("решение изменилось: " + wrong);
            System.out.print(result.report(true));
            recheck.apply(
                    result,
                    new KafkaCorrectionPublisher(
                            DevStack.kafka().bootstrapServers(), shuffled.config.verdictCorrectionsTopic()),
                    System.currentTimeMillis());

            assertThat(verdicts(shuffledTables, campaign, WAIT)).isEqualTo(campaign.expectedVerdicts());
            for (String table : FIGURES) {
                List<String> expected = orderedFigures.get(table);
                List<String> rows =
                        shuffledTables.await(table, now -> sorted(now).equals(expected), WAIT);
                assertThat(sorted(rows)).as(table).isEqualTo(expected);
            }
            // A second re-check finds nothing left to correct, and its corrections (none) change nothing.
            assertThat(recheck.judge(Campaigns.load("")
                                    .find(CampaignGenerator.CAMPAIGN)
                                    .orElseThrow())
                            .changes())
                    .isEmpty();
        } finally {
            shuffledJob.cancel().get();
        }
    }

    /** The figure tables once they stop changing (the figures are emitted at most once a second). */
    private static Map<String, List<String>> settledFigures(ClickHouseQueries clickHouse) throws Exception {
        Map<String, List<String>> previous = Map.of();
        for (int attempt = 0; attempt < 60; attempt++) {
            Map<String, List<String>> now = new HashMap<>();
            for (String table : FIGURES) {
                now.put(table, sorted(clickHouse.strings(table)));
            }
            if (now.equals(previous) && !now.get(FIGURES.get(0)).isEmpty()) {
                return now;
            }
            previous = now;
            Thread.sleep(3000);
        }
        throw new AssertionError("figures did not settle");
    }
}
