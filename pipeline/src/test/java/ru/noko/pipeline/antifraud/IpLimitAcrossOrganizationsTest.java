package ru.noko.pipeline.antifraud;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.noko.pipeline.testing.KeyedStateOf.keysWith;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * The IP limit across organizations on a test harness: two responses an hour from one address to any organizations,
 * rejected or flagged above that, organized sessions counted but not judged, and nothing kept once the window has
 * slid past.
 */
class IpLimitAcrossOrganizationsTest {

    private static final long SECOND = 1000;
    private static final long HOUR = 3600 * SECOND;
    private static final Map<String, AntiFraudSettings> SETTINGS = Map.of(
            "c", new AntiFraudSettings(60, true, true, 60, 3, 2, "reject", false),
            "r", new AntiFraudSettings(60, true, true, 60, 3, 2, "review", false));

    private KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness;

    @BeforeEach
    void start() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new IpLimitAcrossOrganizations(),
                IpLimitAcrossOrganizations::key,
                Types.STRING,
                SessionPlaces.SESSIONS);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void theResponseOverTheLimitAcrossOrganizationsIsRejectedUntilTheWindowSlidesOn() throws Exception {
        send(
                response("c", "to-org-1", "org-1", 100),
                response("c", "to-org-2", "org-2", 200),
                response("c", "to-org-3", "org-3", 300),
                response("c", "next-hour", "org-4", 200 + 3600));
        watermark(200 * SECOND + HOUR);

        assertThat(verdicts())
                .containsExactly(
                        "to-org-1 accepted",
                        "to-org-2 accepted",
                        "to-org-3 rejected IP_LIMIT_ALL_ORGANIZATIONS",
                        "next-hour accepted");
    }

    @Test
    void aCampaignThatReviewsFlagsTheResponseOverTheLimitAndCountsIt() throws Exception {
        send(
                response("r", "a", "org-1", 100),
                response("r", "b", "org-2", 200),
                response("r", "c", "org-3", 300),
                response("r", "d", "org-4", 100 + 3600));
        watermark(100 * SECOND + HOUR);

        // The flagged third still counts: the window holds b and c when d comes.
        assertThat(verdicts())
                .containsExactly(
                        "a accepted",
                        "b accepted",
                        "c review IP_LIMIT_ALL_ORGANIZATIONS",
                        "d review IP_LIMIT_ALL_ORGANIZATIONS");
    }

    @Test
    void aResponseAnEarlierCheckRejectedPassesUnchangedAndUsesNoQuota() throws Exception {
        ScreenedResponse tooFast = response("c", "too-fast", "org-1", 100);
        tooFast.reject(FraudReason.TOO_FAST);
        send(tooFast, response("c", "b", "org-2", 200), response("c", "c", "org-3", 300));
        watermark(300 * SECOND);

        assertThat(verdicts()).containsExactly("too-fast rejected TOO_FAST", "b accepted", "c accepted");
    }

    @Test
    void responsesInAnOrganizedSessionAreNotJudgedHereButOtherOrganizationsSeeThemInTheWindow() throws Exception {
        harness.processBroadcastElement(session(), 0);
        send(
                response("c", "pupil-1", "org-1", 1000),
                response("c", "pupil-2", "org-1", 1001),
                response("c", "pupil-3", "org-1", 1002),
                response("c", "elsewhere", "org-2", 1500));
        watermark(1500 * SECOND);

        assertThat(verdicts())
                .containsExactly(
                        "pupil-1 accepted",
                        "pupil-2 accepted",
                        "pupil-3 accepted",
                        "elsewhere rejected IP_LIMIT_ALL_ORGANIZATIONS");
    }

    @Test
    void onceTheWindowHasSlidPastEveryAddressNothingIsLeftInStateOrOnTheTimers() throws Exception {
        send(response("c", "a", "org-1", 100), response("c", "b", "org-2", 200));
        watermark(200 * SECOND);
        assertThat(keysWith(harness, "ip-times")).isOne();
        assertThat(harness.numEventTimeTimers()).as("one sweep for the bucket").isOne();

        // The window slides past b at 200 s + 1 h; a sweep comes at most a quarter of a window after that.
        watermark(200 * SECOND + HOUR + HOUR / 4);
        assertThat(verdicts()).hasSize(2);
        assertThat(keysWith(harness, EventTimeQueue.WAITING)).isZero();
        assertThat(keysWith(harness, "ip-times")).isZero();
        assertThat(keysWith(harness, "ip-sweep-at")).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void send(ScreenedResponse... responses) throws Exception {
        for (ScreenedResponse response : responses) {
            harness.processElement(response, response.receivedAtMillis);
        }
    }

    private void watermark(long time) throws Exception {
        harness.processBroadcastWatermark(time);
        harness.processWatermark(time);
    }

    private List<String> verdicts() {
        return harness.extractOutputValues().stream()
                .map(r -> (r.responseId + " " + r.verdict() + " " + r.rejections + r.flags).strip())
                .toList();
    }

    /** A response from the one address these tests use, received at the given second. */
    private static ScreenedResponse response(String campaign, String id, String organization, long receivedSecond) {
        ScreenedResponse response = new ScreenedResponse();
        response.responseId = id;
        response.campaignId = campaign;
        response.organizationId = organization;
        response.respondentRole = "parent";
        response.receivedAtMillis = receivedSecond * SECOND;
        response.submittedAtMillis = response.receivedAtMillis;
        response.ipHmac = "ip-shared";
        response.counts = new long[0];
        return response.withRules(SETTINGS.get(campaign));
    }

    /** A class of org-1 answering from the shared address between 1000 s and 1100 s. */
    private static OrganizedSession session() {
        OrganizedSession session = new OrganizedSession();
        session.sessionId = "class-7a";
        session.campaignId = "c";
        session.organizationId = "org-1";
        session.ipHmac = "ip-shared";
        session.fromMillis = 1000 * SECOND;
        session.toMillis = 1100 * SECOND;
        session.participants = 25;
        return session;
    }
}
