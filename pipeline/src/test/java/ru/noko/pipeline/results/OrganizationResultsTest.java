package ru.noko.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.noko.pipeline.testing.KeyedStateOf.keysWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.Campaign;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.methodology.scoring.SurveyCounters;
import ru.noko.pipeline.antifraud.FraudReason;
import ru.noko.pipeline.antifraud.ScreenedResponse;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.response.ResponseRows;
import ru.noko.pipeline.testing.BoundedTopics;

/**
 * An organization's live figures on a test harness, on the bundled НОКО campaign: what is counted, when the figures
 * are emitted, what their version says, and that nothing is left pending after an emission.
 */
class OrganizationResultsTest {

    private static final String CAMPAIGN = "demo-2026-noko";
    private static final String ORGANIZATION = "irk-sosh-7";

    private KeyedBroadcastOperatorTestHarness<String, OrganizationInput, CampaignText, OrganizationMetricRow> harness;
    private Campaign campaign;

    @BeforeEach
    void start() throws Exception {
        campaign = Campaigns.load("").find(CAMPAIGN).orElseThrow();
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new OrganizationResults(BoundedTopics.bundled()),
                OrganizationResults::key,
                Types.STRING,
                CampaignBook.STATE);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void theFirstChangeIsEmittedAtOnceTheRestOfTheBurstASecondLaterAndNothingIsLeftPending() throws Exception {
        harness.processElement(OrganizationInput.of(response("a", "parent")), 0);
        harness.processElement(OrganizationInput.of(response("b", "parent")), 0);
        assertThat(harness.numProcessingTimeTimers()).as("one emission").isOne();
        harness.setProcessingTime(1);
        assertThat(harness.extractOutputValues())
                .as("at once: nothing was emitted in the last second")
                .extracting(row -> row.responses + "@" + row.version)
                .containsOnly("2@2");

        harness.setProcessingTime(400);
        harness.processElement(OrganizationInput.of(response("c", "student")), 0);
        harness.processElement(OrganizationInput.of(response("d", "student")), 0);
        assertThat(harness.numProcessingTimeTimers())
                .as("one emission for the rest")
                .isOne();
        harness.setProcessingTime(EmissionPace.EVERY_MS - 1);
        assertThat(harness.extractOutputValues()).hasSize(figureCount());
        harness.setProcessingTime(EmissionPace.EVERY_MS);

        List<OrganizationMetricRow> figures = harness.extractOutputValues();
        assertThat(figures).hasSize(2 * figureCount());
        assertThat(figures.subList(figureCount(), figures.size())).allSatisfy(row -> {
            assertThat(row.campaignId).isEqualTo(CAMPAIGN);
            assertThat(row.organizationId).isEqualTo(ORGANIZATION);
            assertThat(row.responses).isEqualTo(4);
            assertThat(row.version).as("four changes").isEqualTo(4);
        });
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(keysWith(harness, "emit-timer")).isZero();
        assertThat(keysWith(harness, "dirty")).isZero();
        assertThat(harness.getSideOutput(OrganizationResults.SNAPSHOTS))
                .as("no registry entry yet")
                .isNullOrEmpty();
    }

    @Test
    void aChangeAfterAQuietSecondIsEmittedAtOnceWithEverythingCountedSoFar() throws Exception {
        harness.processElement(OrganizationInput.of(response("a", "parent")), 0);
        harness.setProcessingTime(1);
        harness.setProcessingTime(5000);
        harness.processElement(OrganizationInput.of(response("b", "parent")), 0);
        harness.setProcessingTime(5001);

        assertThat(harness.extractOutputValues())
                .extracting(row -> row.responses + "@" + row.version)
                .containsOnly("1@1", "2@2");
    }

    @Test
    void whileABacklogIsReadABusyOrganizationWritesEveryTenSecondsAndAtOnceWhenItsChangesPause() throws Exception {
        long start = 60_000;
        int sent = 0;
        // Two responses a second for 15 s, each read a minute after its receipt: a backlog.
        for (long now = start; now <= start + 15_000; now += 500) {
            harness.setProcessingTime(now);
            harness.processElement(OrganizationInput.of(receivedAt(response("r" + sent++, "parent"), now - 60_000)), 0);
        }
        harness.setProcessingTime(start + 15_000 + 2 * EmissionPace.EVERY_MS);

        List<OrganizationMetricRow> figures = harness.extractOutputValues();
        assertThat(figures)
                .as("the first change at once, then ten seconds later, then a second after the last change")
                .extracting(row -> row.version)
                .containsOnly(1L, 20L, 31L);
        assertThat(figures).hasSize(3 * figureCount());
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aResponseOnTimeAmongABacklogIsEmittedAtTheUsualPace() throws Exception {
        harness.setProcessingTime(60_000);
        harness.processElement(OrganizationInput.of(receivedAt(response("a", "parent"), 0)), 0);
        harness.setProcessingTime(60_500);
        harness.processElement(OrganizationInput.of(receivedAt(response("b", "parent"), 0)), 0);
        harness.setProcessingTime(60_800);
        harness.processElement(OrganizationInput.of(receivedAt(response("c", "parent"), 60_800)), 0);
        harness.setProcessingTime(61_000);

        assertThat(harness.extractOutputValues()).extracting(row -> row.version).containsOnly(1L, 3L);
    }

    private static ScreenedResponse receivedAt(ScreenedResponse response, long millis) {
        response.receivedAtMillis = millis;
        return response;
    }

    private int figureCount() {
        return campaign.model().score(SurveyCounters.empty(), Map.of()).size();
    }

    @Test
    void rejectedResponsesAndResponsesOfUnknownCampaignsCountForNothing() throws Exception {
        ScreenedResponse rejected = response("a", "parent");
        rejected.reject(FraudReason.DUPLICATE_DEVICE);
        ScreenedResponse elsewhere = response("b", "parent");
        elsewhere.campaignId = "no-such-campaign";
        harness.processElement(OrganizationInput.of(rejected), 0);
        harness.processElement(OrganizationInput.of(elsewhere), 0);

        assertThat(harness.numProcessingTimeTimers()).isZero();
        for (String state : List.of("totals", "responses-by-role", "dirty", "emit-timer")) {
            assertThat(keysWith(harness, state)).as(state).isZero();
        }
    }

    @Test
    void aRegistryEntryAddsCoverageAndASnapshotForTheTerritoriesAndCountsAsAChange() throws Exception {
        harness.processElement(OrganizationInput.of(response("a", "parent")), 0);
        harness.processElement(OrganizationInput.of(registryEntry()), 0);
        harness.setProcessingTime(EmissionPace.EVERY_MS);

        assertThat(harness.extractOutputValues()).extracting(row -> row.version).containsOnly(2L);
        List<CoverageRow> coverage = values(harness.getSideOutput(OrganizationResults.COVERAGE));
        assertThat(coverage)
                .extracting(row -> row.role + " " + row.responses + "/" + row.contingent)
                .containsExactlyInAnyOrder("parent 1/40", "student 0/30");
        List<OrganizationSnapshot> snapshots = values(harness.getSideOutput(OrganizationResults.SNAPSHOTS));
        assertThat(snapshots).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.region).isEqualTo("Иркутская область");
            assertThat(snapshot.responses).isOne();
            assertThat(snapshot.version).isEqualTo(2);
        });
    }

    @Test
    void aRegistryEntryBeforeAnyResponseWaitsForTheFirstChangeOfACampaign() throws Exception {
        harness.processElement(OrganizationInput.of(registryEntry()), 0);
        assertThat(harness.numProcessingTimeTimers()).isZero();

        harness.processElement(OrganizationInput.of(response("a", "parent")), 0);
        harness.setProcessingTime(EmissionPace.EVERY_MS);
        assertThat(harness.extractOutputValues()).extracting(row -> row.version).containsOnly(2L);
    }

    @Test
    void aVerdictCorrectionCountsOncePerResponseAndDirection() throws Exception {
        harness.processElement(OrganizationInput.of(response("a", "parent")), 0);
        harness.processElement(OrganizationInput.of(correction("late-accepted", true)), 0);
        harness.processElement(OrganizationInput.of(correction("late-accepted", true)), 0);
        harness.setProcessingTime(EmissionPace.EVERY_MS);
        assertThat(harness.extractOutputValues())
                .extracting(row -> row.responses + "@" + row.version)
                .containsOnly("2@2");

        harness.processElement(OrganizationInput.of(correction("late-accepted", false)), 0);
        harness.processElement(OrganizationInput.of(correction("late-accepted", false)), 0);
        harness.setProcessingTime(2 * EmissionPace.EVERY_MS);
        assertThat(harness.extractOutputValues())
                .extracting(row -> row.responses + "@" + row.version)
                .containsOnly("2@2", "1@3");
    }

    private ScreenedResponse response(String id, String role) {
        ScreenedResponse response = new ScreenedResponse();
        response.responseId = id;
        response.campaignId = CAMPAIGN;
        response.organizationId = ORGANIZATION;
        response.respondentRole = role;
        response.counts = ResponseRows.counts(Optional.of(campaign), role, answers());
        return response;
    }

    private OrganizationFact correction(String responseId, boolean counted) {
        OrganizationFact fact = fact(OrganizationFact.VERDICT_CORRECTION);
        fact.campaignId = CAMPAIGN;
        fact.json = new VerdictCorrection(
                        CAMPAIGN,
                        ORGANIZATION,
                        responseId,
                        "parent",
                        counted,
                        ResponseRows.counts(Optional.of(campaign), "parent", answers()))
                .toJson();
        return fact;
    }

    private static OrganizationFact registryEntry() {
        OrganizationFact fact = fact(OrganizationFact.REGISTRY);
        fact.json = "{\"organizationId\": \"" + ORGANIZATION + "\", \"name\": \"СОШ № 7\", \"inn\": \"3808012348\","
                + " \"type\": \"general\", \"municipality\": \"г. Иркутск\", \"region\": \"Иркутская область\","
                + " \"contingent\": {\"parent\": 40, \"student\": 30}}";
        return fact;
    }

    private static OrganizationFact fact(String kind) {
        OrganizationFact fact = new OrganizationFact();
        fact.kind = kind;
        fact.organizationId = ORGANIZATION;
        return fact;
    }

    /** Yes to every question of the НОКО questionnaire. */
    private static Map<String, Object> answers() {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int question = 1; question <= 14; question++) {
            answers.put("q" + question, true);
        }
        return answers;
    }

    private static <T> List<T> values(java.util.Collection<StreamRecord<T>> records) {
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).toList();
    }
}
