package ru.noko.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.CampaignResult;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.campaign.OrganizationResult;
import ru.noko.methodology.campaign.TerritoryFigure;
import ru.noko.methodology.campaign.TerritoryResult;
import ru.noko.methodology.registry.Organization;
import ru.noko.methodology.registry.OrganizationRegistry;
import ru.noko.methodology.registry.RegistryJson;
import ru.noko.methodology.scoring.Exact;
import ru.noko.methodology.scoring.Metric;
import ru.noko.methodology.scoring.SurveyCounters;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.generator.CampaignGenerator;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.pipeline.results.OrganizationMetricRow;
import ru.noko.pipeline.results.TerritoryMetricRow;
import ru.noko.pipeline.results.VerdictCorrection;
import ru.noko.pipeline.testing.BoundedTopics;
import ru.noko.pipeline.testing.CollectedTables;
import ru.noko.schemas.avro.SurveyResponse;

/**
 * The ingest workflow over bounded topics into collecting sinks, on a local MiniCluster of parallelism 2: the job's
 * own operators without Kafka or ClickHouse, a few seconds a test. The figures are read in batch execution: they are
 * emitted a second after a change on a processing-time timer, which a bounded streaming run ends before, while batch
 * execution fires each key's timers once its input is done — the last figures of each organization and territory,
 * the ones a running job converges to.
 */
class IngestWorkflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyVerdictOfAShuffledGeneratedCampaignIsTheOneTheGeneratorKnowsIsRight() throws Exception {
        GeneratedCampaign campaign = new CampaignGenerator(42, 12, 20).generate();

        CollectedTables tables = run(BoundedTopics.of(campaign), RuntimeExecutionMode.STREAMING);

        assertThat(verdicts(tables)).isEqualTo(campaign.expectedVerdicts());
        assertThat(campaign.expectedVerdicts().values())
                .contains(
                        "accepted",
                        "rejected:DUPLICATE_EMAIL",
                        "rejected:DUPLICATE_DEVICE",
                        "rejected:IP_LIMIT_ORGANIZATION",
                        "rejected:TOO_FAST");
        assertThat(tables.lateResponses.collected())
                .as("nothing is behind a watermark that waits for the end")
                .isEmpty();
    }

    @Test
    void everyRecordOfEveryTopicIsKeptAndAnUnreadableOneWithItsTopicAndReason() throws Exception {
        GeneratedCampaign campaign = new CampaignGenerator(3, 4, 5).generate();
        BoundedTopics topics = BoundedTopics.of(campaign)
                .rawResponse("not avro at all".getBytes(StandardCharsets.UTF_8))
                .session("{\"sessionId\": \"no-times\"}")
                .registryEntry("{\"organizationId\": \"half-an-entry\"}")
                .selfAssessment("{\"campaignId\": \"" + CampaignGenerator.CAMPAIGN + "\", \"organizationId\": \""
                        + CampaignGenerator.organizationId(0)
                        + "\", \"inputs\": {\"standItems\": 99, \"standItemsRequired\": 10}}")
                .verdictCorrection("{\"campaignId\": \"" + CampaignGenerator.CAMPAIGN + "\", \"counted\": true}");

        CollectedTables tables = run(topics, RuntimeExecutionMode.STREAMING);

        assertThat(tables.surveyResponses.collected())
                .hasSize(campaign.responses().size());
        assertThat(tables.responseVerdicts.collected())
                .hasSize(campaign.responses().size());
        assertThat(tables.organizedSessions.collected())
                .hasSize(campaign.sessions().size());
        assertThat(tables.organizations.collected()).hasSize(campaign.registry().size());
        assertThat(tables.selfAssessments.collected())
                .hasSize(campaign.selfAssessments().size());
        Map<String, String> unreadable = tables.undecodableRecords.collected().stream()
                .collect(Collectors.toMap(record -> record.topic, record -> record.error));
        assertThat(unreadable)
                .containsOnlyKeys("responses", "sessions", "organizations", "self-assessments", "verdict-corrections");
        assertThat(unreadable.get("responses")).isNotBlank();
        assertThat(unreadable.get("sessions")).startsWith("organized session:");
        assertThat(unreadable.get("organizations")).startsWith("registry:");
        assertThat(unreadable.get("self-assessments"))
                .startsWith("self-assessment:")
                .contains("standItems");
        assertThat(unreadable.get("verdict-corrections")).startsWith("verdict-correction:");
    }

    @Test
    void theLastFiguresOfEveryOrganizationAndTerritoryEqualTheBatchScoreOfTheAcceptedResponses() throws Exception {
        GeneratedCampaign campaign = new CampaignGenerator(7, 8, 15).generate();

        CollectedTables tables = run(BoundedTopics.of(campaign), RuntimeExecutionMode.BATCH);

        CampaignResult batch = batchScore(campaign, accepted(tables));
        Map<String, OrganizationMetricRow> live = latest(
                tables.organizationResults.collected(),
                row -> row.organizationId + " " + row.metricId,
                row -> row.version);
        int compared = 0;
        for (OrganizationResult organization : batch.organizations()) {
            for (Metric metric : organization.metrics()) {
                String at = organization.organization().id() + " " + metric.id();
                OrganizationMetricRow row = live.get(at);
                assertThat(row).as(at).isNotNull();
                assertThat(row.status).as(at).isEqualTo(metric.status().name());
                assertThat(row.responses)
                        .as(at)
                        .isEqualTo(organization.counters().responses());
                if (metric.isDefined()) {
                    assertThat(row.exact).as(at).isEqualTo(Exact.text(metric.exact()));
                    assertThat(row.value).as(at).isCloseTo(metric.value(), within(1e-9));
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(8 * 20);

        Map<String, TerritoryMetricRow> territories = latest(
                tables.territoryResults.collected(),
                row -> row.region + "/" + row.municipality + "/" + row.organizationType + " " + row.metricId,
                row -> row.version);
        List<TerritoryResult> batchTerritories = new ArrayList<>(batch.municipalities());
        batchTerritories.addAll(batch.regions());
        int figures = 0;
        for (TerritoryResult territory : batchTerritories) {
            figures += compareTerritory(territories, territory, "");
            for (TerritoryResult byType : territory.byType()) {
                figures += compareTerritory(territories, byType, byType.organizationType());
            }
        }
        assertThat(figures).isPositive().isEqualTo(territories.size());
    }

    @Test
    void aCampaignPublishedWhileTheJobRunsIsJudgedByItsRulesAndCountedAsOneKnownFromTheStart() throws Exception {
        GeneratedCampaign campaign = new CampaignGenerator(11, 6, 12).generate();

        CollectedTables known = run(BoundedTopics.of(campaign), RuntimeExecutionMode.BATCH);
        CollectedTables published =
                run(BoundedTopics.of(campaign).publishedLater(CampaignGenerator.CAMPAIGN), RuntimeExecutionMode.BATCH);

        assertThat(verdicts(published)).isEqualTo(campaign.expectedVerdicts());
        assertThat(published.selfAssessments.collected())
                .as("its self-assessments are checked against it and filed")
                .hasSize(campaign.selfAssessments().size());
        assertThat(published.undecodableRecords.collected()).isEmpty();
        assertThat(published.campaigns.collected())
                .extracting(row -> row.campaignId)
                .as("one row for the campaigns table")
                .containsExactly(CampaignGenerator.CAMPAIGN);
        Map<String, OrganizationMetricRow> fromTheStart = latest(
                known.organizationResults.collected(),
                row -> row.organizationId + " " + row.metricId,
                row -> row.version);
        Map<String, OrganizationMetricRow> later = latest(
                published.organizationResults.collected(),
                row -> row.organizationId + " " + row.metricId,
                row -> row.version);
        assertThat(later).hasSameSizeAs(fromTheStart).isNotEmpty();
        fromTheStart.forEach((at, row) -> {
            assertThat(later.get(at).exact).as(at).isEqualTo(row.exact);
            assertThat(later.get(at).responses).as(at).isEqualTo(row.responses);
        });
    }

    @Test
    void aVerdictTheRecheckCorrectedCountsOnceHoweverOftenItIsPublished() throws Exception {
        GeneratedCampaign campaign = new CampaignGenerator(5, 3, 6).generate();
        Map<String, SurveyResponse> byId = campaign.responses().stream()
                .collect(Collectors.toMap(SurveyResponse::getResponseId, Function.identity()));
        SurveyResponse tooFast = byId.get(campaign.expectedVerdicts().entrySet().stream()
                .filter(verdict -> verdict.getValue().equals("rejected:TOO_FAST"))
                .findFirst()
                .orElseThrow()
                .getKey());
        String correction = correction(tooFast);
        BoundedTopics topics =
                BoundedTopics.of(campaign).verdictCorrection(correction).verdictCorrection(correction);

        CollectedTables tables = run(topics, RuntimeExecutionMode.BATCH);

        Set<String> accepted = accepted(tables);
        assertThat(accepted).doesNotContain(tooFast.getResponseId());
        accepted.add(tooFast.getResponseId());
        OrganizationResult expected = batchScore(campaign, accepted).organizations().stream()
                .filter(result -> result.organization().id().equals(tooFast.getOrganizationId()))
                .findFirst()
                .orElseThrow();
        Map<String, OrganizationMetricRow> live = latest(
                tables.organizationResults.collected(),
                row -> row.organizationId + " " + row.metricId,
                row -> row.version);
        for (Metric metric : expected.metrics()) {
            OrganizationMetricRow row = live.get(tooFast.getOrganizationId() + " " + metric.id());
            assertThat(row).as(metric.id()).isNotNull();
            assertThat(row.responses).isEqualTo(expected.counters().responses());
            assertThat(row.exact).as(metric.id()).isEqualTo(metric.isDefined() ? Exact.text(metric.exact()) : "");
        }
    }

    private static CollectedTables run(BoundedTopics topics, RuntimeExecutionMode mode) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        env.setRuntimeMode(mode);
        CollectedTables tables = new CollectedTables();
        IngestWorkflow.define(topics.sources(env), tables, topics.book());
        env.execute("bounded ingest");
        return tables;
    }

    /** Response id → "verdict" or "verdict:reasons", as the generator states them. */
    private static Map<String, String> verdicts(CollectedTables tables) {
        Map<String, String> verdicts = new HashMap<>();
        for (ScreenedResponse response : tables.responseVerdicts.collected()) {
            verdicts.put(
                    response.responseId,
                    response.verdict() + (response.rejections.isEmpty() ? "" : ":" + response.rejections));
        }
        return verdicts;
    }

    private static Set<String> accepted(CollectedTables tables) {
        return tables.responseVerdicts.collected().stream()
                .filter(response -> !response.isRejected())
                .map(response -> response.responseId)
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** The newest row of each key: what a table that replaces by version shows. */
    private static <T> Map<String, T> latest(List<T> rows, Function<T, String> key, Function<T, Long> version) {
        return rows.stream()
                .collect(Collectors.toMap(
                        key,
                        Function.identity(),
                        (a, b) -> Comparator.comparing(version).compare(a, b) >= 0 ? a : b));
    }

    private static int compareTerritory(Map<String, TerritoryMetricRow> live, TerritoryResult territory, String type) {
        int compared = 0;
        for (TerritoryFigure figure : territory.figures()) {
            String at = territory.region() + "/" + (territory.municipality() == null ? "" : territory.municipality())
                    + "/" + type + " " + figure.id();
            TerritoryMetricRow row = live.get(at);
            assertThat(row).as(at).isNotNull();
            assertThat(row.organizations).as(at).isEqualTo(figure.organizations());
            assertThat(row.basis).as(at).isEqualTo(figure.basis().code());
            if (figure.mean() != null) {
                assertThat(row.mean).as(at).isCloseTo(figure.mean().doubleValue(), within(1e-9));
                assertThat(row.respondentWeighted)
                        .as(at)
                        .isCloseTo(figure.respondentWeighted().doubleValue(), within(1e-9));
            }
            compared++;
        }
        return compared;
    }

    /** The batch reference: the methodology's own scoring of the accepted responses, read as the score command reads them. */
    private static CampaignResult batchScore(GeneratedCampaign generated, Set<String> accepted) throws Exception {
        Campaign campaign = Campaigns.load("").find(CampaignGenerator.CAMPAIGN).orElseThrow();
        List<Organization> organizations = new ArrayList<>();
        for (String entry : generated.registry()) {
            organizations.add(RegistryJson.parse(entry));
        }
        Map<String, SurveyCounters> counters = new HashMap<>();
        for (SurveyResponse response : generated.responses()) {
            if (accepted.contains(response.getResponseId())) {
                String role = response.getRespondentRole();
                counters.merge(
                        response.getOrganizationId(),
                        SurveyCounters.ofResponse(role, campaign.model().countsOf(role, answers(response))),
                        SurveyCounters::plus);
            }
        }
        Map<String, Map<String, Integer>> inputs = new HashMap<>();
        for (String selfAssessment : generated.selfAssessments()) {
            JsonNode node = JSON.readTree(selfAssessment);
            inputs.put(
                    node.get("organizationId").asText(),
                    JSON.convertValue(node.get("inputs"), new TypeReference<Map<String, Integer>>() {}));
        }
        return campaign.scoring().score(new OrganizationRegistry(organizations), counters, inputs);
    }

    /** The answers as JSON carries them (Avro has its own string and array types). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> answers(SurveyResponse response) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(plain(response.getAnswers())), Map.class);
    }

    private static Map<String, Object> plain(Map<String, Object> answers) {
        Map<String, Object> plain = new HashMap<>();
        answers.forEach((question, answer) -> plain.put(
                question,
                answer instanceof CharSequence text
                        ? text.toString()
                        : answer instanceof List<?> options
                                ? options.stream().map(Object::toString).toList()
                                : answer));
        return plain;
    }

    /** The re-check's correction that makes the response count, with the counts its answers give. */
    private static String correction(SurveyResponse response) throws Exception {
        Campaign campaign = Campaigns.load("").find(CampaignGenerator.CAMPAIGN).orElseThrow();
        String role = response.getRespondentRole();
        long[] counts = campaign.model().countsOf(role, answers(response)).values().stream()
                .mapToLong(Long::longValue)
                .toArray();
        return new VerdictCorrection(
                        campaign.id(), response.getOrganizationId(), response.getResponseId(), role, true, counts)
                .toJson();
    }
}
