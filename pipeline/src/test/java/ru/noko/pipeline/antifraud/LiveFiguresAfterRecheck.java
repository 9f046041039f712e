package ru.noko.pipeline.antifraud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.response.ResponseRows;
import ru.noko.pipeline.results.OrganizationFact;
import ru.noko.pipeline.results.OrganizationInput;
import ru.noko.pipeline.results.OrganizationMetricRow;
import ru.noko.pipeline.results.OrganizationResults;
import ru.noko.pipeline.results.VerdictCorrection;
import ru.noko.pipeline.testing.BoundedTopics;

/**
 * The live figures of one organization, fed its live verdicts and then the re-check's corrections, against the figures
 * the batch judgement's accepted responses give: the same number of responses and every metric exactly. Each response
 * answers the НОКО questionnaire its own way (seeded by its id), so a response counted wrongly shows in the figures.
 */
final class LiveFiguresAfterRecheck {

    private static final String CAMPAIGN = "demo-2026-noko";
    private static final String ORGANIZATION = "org-1";

    private LiveFiguresAfterRecheck() {}

    static List<String> compare(long seed, Map<String, String> live, Map<String, String> batch) throws Exception {
        Campaign campaign = Campaigns.load("").find(CAMPAIGN).orElseThrow();
        List<OrganizationMetricRow> rows = new ArrayList<>();
        try (KeyedBroadcastOperatorTestHarness<String, OrganizationInput, CampaignText, OrganizationMetricRow> harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new OrganizationResults(BoundedTopics.bundled()),
                        OrganizationResults::key,
                        Types.STRING,
                        CampaignBook.STATE)) {
            long clock = 0;
            harness.setProcessingTime(clock);
            for (Map.Entry<String, String> verdict : new TreeMap<>(live).entrySet()) {
                ScreenedResponse response = response(campaign, verdict.getKey());
                if (!counts(verdict.getValue())) {
                    response.reject(FraudReason.IP_LIMIT_ORGANIZATION);
                }
                harness.processElement(OrganizationInput.of(response), 0);
            }
            harness.setProcessingTime(clock += 1000);
            // What the re-check publishes: a correction for each response whose verdict it changes; published
            // twice, as a re-check run again would.
            for (int run = 0; run < 2; run++) {
                for (Map.Entry<String, String> verdict : new TreeMap<>(batch).entrySet()) {
                    boolean countedLive = counts(live.get(verdict.getKey()));
                    boolean countedBatch = counts(verdict.getValue());
                    if (countedLive != countedBatch) {
                        harness.processElement(
                                OrganizationInput.of(correction(campaign, verdict.getKey(), countedBatch)), 0);
                    }
                }
                harness.setProcessingTime(clock += 1000);
            }
            rows.addAll(harness.extractOutputValues());
        }
        return differences(seed, campaign, rows, batch);
    }

    private static List<String> differences(
            long seed, Campaign campaign, List<OrganizationMetricRow> rows, Map<String, String> batch) {
        SurveyCounters expected = SurveyCounters.empty();
        for (Map.Entry<String, String> verdict : batch.entrySet()) {
            if (counts(verdict.getValue())) {
                expected = expected.plus(counters(campaign, verdict.getKey()));
            }
        }
        long newest = rows.stream().mapToLong(row -> row.version).max().orElse(-1);
        Map<String, OrganizationMetricRow> latest = new LinkedHashMap<>();
        rows.stream().filter(row -> row.version == newest).forEach(row -> latest.put(row.metricId, row));
        List<String> problems = new ArrayList<>();
        if (expected.responses() == 0) {
            if (latest.values().stream().anyMatch(row -> row.responses != 0)) {
                problems.add("seed " + seed + ": live figures count responses the batch judgement rejects");
            }
            return problems;
        }
        for (Metric metric : campaign.model().score(expected, Map.of())) {
            OrganizationMetricRow row = latest.get(metric.id());
            String want = metric.isDefined() ? Exact.text(metric.exact()) : "";
            if (row == null || row.responses != expected.responses() || !want.equals(row.exact)) {
                problems.add("seed " + seed + ": after the re-check, live " + metric.id() + " is "
                        + (row == null ? "missing" : row.exact + " of " + row.responses) + ", batch " + want + " of "
                        + expected.responses());
            }
        }
        return problems;
    }

    private static boolean counts(String verdict) {
        return "accepted".equals(verdict) || "review".equals(verdict);
    }

    private static ScreenedResponse response(Campaign campaign, String id) {
        ScreenedResponse response = new ScreenedResponse();
        response.responseId = id;
        response.campaignId = CAMPAIGN;
        response.organizationId = ORGANIZATION;
        response.respondentRole = "parent";
        response.counts = ResponseRows.counts(Optional.of(campaign), "parent", answers(id));
        return response;
    }

    private static OrganizationFact correction(Campaign campaign, String id, boolean counted) {
        OrganizationFact fact = new OrganizationFact();
        fact.kind = OrganizationFact.VERDICT_CORRECTION;
        fact.organizationId = ORGANIZATION;
        fact.campaignId = CAMPAIGN;
        fact.json = new VerdictCorrection(
                        CAMPAIGN,
                        ORGANIZATION,
                        id,
                        "parent",
                        counted,
                        ResponseRows.counts(Optional.of(campaign), "parent", answers(id)))
                .toJson();
        return fact;
    }

    private static SurveyCounters counters(Campaign campaign, String id) {
        long[] counts = ResponseRows.counts(Optional.of(campaign), "parent", answers(id));
        List<String> ids = campaign.model().counterIds();
        Map<String, Long> named = new TreeMap<>();
        for (int i = 0; i < counts.length && i < ids.size(); i++) {
            named.put(ids.get(i), counts[i]);
        }
        return SurveyCounters.ofResponse("parent", named);
    }

    /** The response's own yes and no to each of the 14 questions. */
    private static Map<String, Object> answers(String id) {
        Random random = new Random(id.hashCode());
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int question = 1; question <= 14; question++) {
            answers.put("q" + question, random.nextBoolean());
        }
        return answers;
    }
}
