package ru.noko.pipeline.recheck;

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
import ru.noko.pipeline.generator.CampaignGenerator;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.pipeline.job.IngestJobRunner;
import ru.noko.pipeline.testing.ResponseTopic;
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

    @Test
    void aResubmissionReceivedHoursLaterKeepsItsFirstReceiptSoTheRecheckChangesNoVerdict() throws Exception {
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "recheck-resubmitted", 1);
        IngestJobRunner runner = new IngestJobRunner("recheck_resubmitted", topic.name());
        ClickHouseQueries tables = new ClickHouseQueries(runner.clickHouse());
        // Eleven responses from one address within a minute, three hours ago: the campaign's limit is ten an hour.
        java.time.Instant threeHoursAgo = java.time.Instant.now().minus(Duration.ofHours(3));
        List<SurveyResponse> first = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            first.add(fromTheClass(i, threeHoursAgo.plusSeconds(i)));
        }
        // The first of them sent again now (the same form, the same Idempotency-Key, so the same id).
        SurveyResponse again = fromTheClass(0, java.time.Instant.now());
        // Another class's response whose copies are written the other way round: the one received now first.
        SurveyResponse laterFirst = fromTheClass(20, java.time.Instant.now());
        laterFirst.setOrganizationId("org-class-2");
        laterFirst.getClient().setIpAddress("10.6.6.7");
        SurveyResponse earlierLast = fromTheClass(20, threeHoursAgo);
        earlierLast.setOrganizationId("org-class-2");
        earlierLast.getClient().setIpAddress("10.6.6.7");

        JobClient job = runner.start();
        try {
            topic.send(first);
            tables.awaitCount(
                    "SELECT count() FROM response_verdicts WHERE organization_id = 'org-class'", n -> n == 11, WAIT);
            topic.send(List.of(laterFirst, again, earlierLast));
            runner.awaitCheckpointOfEverythingSent(WAIT);
        } finally {
            job.cancel().get();
        }
        tables.execute("OPTIMIZE TABLE survey_responses FINAL");

        // Which copy a table without a version keeps depends on how its parts merge; the first receipt wins either way.
        assertThat(tables.strings("SELECT toString(received_at_ms) FROM survey_responses FINAL WHERE response_id IN ('"
                        + again.getResponseId() + "', '" + laterFirst.getResponseId() + "')"))
                .as("the first receipts, whichever copy was written last")
                .containsExactly(
                        String.valueOf(threeHoursAgo.toEpochMilli()), String.valueOf(threeHoursAgo.toEpochMilli()));
        assertThat(tables.strings("SELECT verdict FROM response_verdicts FINAL WHERE organization_id = 'org-class'"
                        + " ORDER BY received_at, response_id"))
                .containsOnly("accepted", "rejected")
                .filteredOn("rejected"::equals)
                .hasSize(1);
        RecheckResult result = new Recheck(runner.clickHouse(), Campaigns.load(""), 1)
                .judge(Campaigns.load("").find(CampaignGenerator.CAMPAIGN).orElseThrow());
        assertThat(result.responses()).isEqualTo(12);
        assertThat(result.changes())
                .as("the re-check judges by the same receipts as the stream")
                .isEmpty();
    }

    /** A parent of the class, saying yes to everything, from the class's one address, received at the time given. */
    private static SurveyResponse fromTheClass(int pupil, java.time.Instant received) {
        SurveyResponse response = ru.noko.pipeline.testing.SurveyResponses.response(pupil);
        response.setResponseId(java.util
                .UUID
                .nameUUIDFromBytes(("class-" + pupil).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        response.setCampaignId(CampaignGenerator.CAMPAIGN);
        response.setOrganizationId("org-class");
        response.setRespondentRole("parent");
        Map<String, Object> answers = new HashMap<>();
        for (int question = 1; question <= 14; question++) {
            answers.put("q" + question, true);
        }
        response.setAnswers(answers);
        response.setStartedAt(received.minusSeconds(300));
        response.setSubmittedAt(received);
        response.setReceivedAt(received);
        response.setIdempotencyKey("form-of-pupil-" + pupil);
        response.getClient().setIpAddress("10.6.6.6");
        return response;
    }
}
