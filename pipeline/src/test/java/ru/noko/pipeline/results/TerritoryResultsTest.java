package ru.noko.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.noko.pipeline.testing.KeyedStateOf.keysWith;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.testing.BoundedTopics;

/**
 * A region's roll-up on a test harness: the newest snapshot of each organization counts whatever order the snapshots
 * came in, a burst is rolled up once a second later, and the roll-up keeps the organizations but no timer.
 */
class TerritoryResultsTest {

    private static final String CAMPAIGN = "demo-2026-noko";
    private static final String REGION = "Иркутская область";

    private KeyedBroadcastOperatorTestHarness<String, OrganizationSnapshot, CampaignText, TerritoryMetricRow> harness;

    @BeforeEach
    void start() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new TerritoryResults(BoundedTopics.bundled()),
                OrganizationSnapshot::territoryKey,
                Types.STRING,
                CampaignBook.STATE);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void theNewestSnapshotOfEachOrganizationIsRolledUpWhateverOrderTheSnapshotsCameIn() throws Exception {
        harness.processElement(snapshot("irk-sosh-7", "г. Иркутск", 3, 12), 0);
        harness.processElement(snapshot("irk-sosh-7", "г. Иркутск", 1, 4), 0);
        harness.processElement(snapshot("angarsk-sosh-1", "Ангарский городской округ", 2, 8), 0);
        harness.setProcessingTime(EmissionPace.EVERY_MS);

        List<TerritoryMetricRow> figures = harness.extractOutputValues();
        assertThat(figures)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.version).as("3 + 2").isEqualTo(5));
        assertThat(figures).extracting(row -> row.municipality).contains("г. Иркутск", "Ангарский городской округ", "");
        List<CoverageRow> coverage = harness.getSideOutput(TerritoryResults.COVERAGE).stream()
                .map(record -> record.getValue())
                .toList();
        assertThat(coverage)
                .filteredOn(row ->
                        row.municipality.isEmpty() && row.organizationType.isEmpty() && row.role.equals("parent"))
                .singleElement()
                .satisfies(region -> {
                    assertThat(region.organizations).isEqualTo(2);
                    assertThat(region.responses)
                            .as("12 of the newest snapshot, not 4 of the older")
                            .isEqualTo(20);
                });
    }

    @Test
    void aBurstOfSnapshotsIsRolledUpAtOnceThenOnceASecondAndNoTimerIsLeft() throws Exception {
        harness.processElement(snapshot("irk-sosh-7", "г. Иркутск", 1, 4), 0);
        harness.setProcessingTime(1);
        assertThat(harness.extractOutputValues()).extracting(row -> row.version).containsOnly(1L);
        harness.setProcessingTime(300);
        harness.processElement(snapshot("irk-sosh-7", "г. Иркутск", 2, 5), 0);
        harness.processElement(snapshot("irk-sosh-7", "г. Иркутск", 3, 6), 0);
        assertThat(harness.numProcessingTimeTimers()).isOne();

        harness.setProcessingTime(EmissionPace.EVERY_MS);

        assertThat(harness.extractOutputValues()).extracting(row -> row.version).containsOnly(1L, 3L);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(keysWith(harness, "emit-timer")).isZero();
        assertThat(keysWith(harness, "organizations"))
                .as("the region's organizations are kept")
                .isOne();
    }

    /** An organization of the region with {@code parents} accepted responses, after {@code version} changes. */
    private static OrganizationSnapshot snapshot(String organization, String municipality, long version, long parents)
            throws Exception {
        OrganizationSnapshot snapshot = new OrganizationSnapshot();
        snapshot.campaignId = CAMPAIGN;
        snapshot.organizationId = organization;
        snapshot.region = REGION;
        snapshot.registryJson = "{\"organizationId\": \"" + organization + "\", \"name\": \"" + organization + "\","
                + " \"inn\": \"3808012348\", \"type\": \"general\", \"municipality\": \"" + municipality + "\","
                + " \"region\": \"" + REGION + "\", \"contingent\": {\"parent\": 40, \"student\": 30}}";
        snapshot.responses = parents;
        snapshot.roles = new String[] {"parent"};
        snapshot.roleResponses = new long[] {parents};
        snapshot.counts = new long
                [Campaigns.load("")
                        .find(CAMPAIGN)
                        .orElseThrow()
                        .model()
                        .counterIds()
                        .size()];
        snapshot.inputsJson = "{}";
        snapshot.version = version;
        return snapshot;
    }
}
