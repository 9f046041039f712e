package ru.noko.pipeline.antifraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.methodology.campaign.Campaigns;
import ru.noko.pipeline.campaign.CampaignBook;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.response.ResponseRows;
import ru.noko.pipeline.testing.TestCampaigns;

/**
 * The first check on a test harness: a campaign the job did not start with takes effect as its record arrives on the
 * broadcast, with its own rules and its model's counts, and one that does not fit changes nothing.
 */
class CampaignRulesCheckTest {

    private static final String LATER = "opened-later";
    private static final AntiFraudSettings QUICK_SURVEY =
            new AntiFraudSettings(10, true, false, 30, 7, 9, "review", false);

    private BroadcastOperatorTestHarness<ResponseRow, CampaignText, ScreenedResponse> harness;

    @BeforeEach
    void start() throws Exception {
        harness = ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                new CampaignRulesCheck(CampaignBook.of(Campaigns.texts(Optional.empty()))), CampaignBook.STATE);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void beforeItsCampaignArrivesAResponseGetsTheDefaultRulesAndNoCounts() throws Exception {
        harness.processElement(response("early", 30), 0);

        ScreenedResponse early = harness.extractOutputValues().get(0);
        assertThat(early.rejections).isEqualTo("TOO_FAST");
        assertThat(early.rules()).isEqualTo(attached(AntiFraudSettings.DEFAULTS));
        assertThat(early.counts).isEmpty();
    }

    @Test
    void aCampaignPublishedWhileTheJobRunsJudgesAndCountsItsResponses() throws Exception {
        harness.processBroadcastElement(CampaignText.of(LATER, TestCampaigns.text(LATER, QUICK_SURVEY), 0), 0);
        harness.processElement(response("filled-in-30-s", 30), 0);

        ScreenedResponse judged = harness.extractOutputValues().get(0);
        assertThat(judged.isRejected())
                .as("10 s is its minimum, not the default 60 s")
                .isFalse();
        assertThat(judged.rules()).isEqualTo(new AntiFraudSettings(0, true, false, 30, 7, 9, "review", false));
        assertThat(judged.counts)
                .as("counted by its model")
                .containsExactly(ResponseRows.counts(
                        Campaigns.load("").find(TestCampaigns.BASE), "parent", Map.of("q1", true, "q2", false)));
        assertThat(harness.getSideOutput(CampaignRulesCheck.CAMPAIGNS))
                .extracting(row -> row.getValue().campaignId + " " + row.getValue().title)
                .containsExactly(LATER + " Тестовая кампания " + LATER);
    }

    @Test
    void aPublishedCampaignThatDoesNotFitIsLeftOutAndTheCatalogStaysAsItWas() throws Exception {
        harness.processBroadcastElement(CampaignText.of(LATER, "id: " + LATER + "\ninstrument: no-such-thing\n", 0), 0);
        harness.processElement(response("after", 30), 0);

        assertThat(harness.extractOutputValues().get(0).rules()).isEqualTo(attached(AntiFraudSettings.DEFAULTS));
        assertThat(harness.getSideOutput(CampaignRulesCheck.CAMPAIGNS)).isNullOrEmpty();
    }

    /** The rules as the keyed checks see them: all but the minimum time, which this check has applied. */
    private static AntiFraudSettings attached(AntiFraudSettings rules) {
        return new AntiFraudSettings(
                0,
                rules.onePerEmail(),
                rules.onePerDevice(),
                rules.ipWindowMinutes(),
                rules.ipLimitPerOrganization(),
                rules.ipLimitAcrossOrganizations(),
                rules.ipOverLimit(),
                false);
    }

    private static ResponseRow response(String id, int secondsToFillIn) {
        ResponseRow row = new ResponseRow();
        row.responseId = id;
        row.campaignId = LATER;
        row.organizationId = "org-1";
        row.respondentRole = "parent";
        row.answersJson = "{\"q1\": true, \"q2\": false}";
        row.startedAtMillis = 1_000_000;
        row.submittedAtMillis = row.startedAtMillis + secondsToFillIn * 1000L;
        row.receivedAtMillis = row.submittedAtMillis;
        row.ipHmac = "ip";
        row.deviceToken = "";
        row.emailHmac = "";
        row.idempotencyKey = "";
        row.counts = new long[0];
        return row;
    }
}
