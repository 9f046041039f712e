package ru.noko.pipeline.antifraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.AntiFraudSettings;

/** The organization's checks on a test harness: what is judged at which watermark, and lateness where it happens. */
class OrganizationScreeningTest {

    private static final long SECOND = 1000;
    private static final Map<String, AntiFraudSettings> SETTINGS = Map.of(
            "c", new AntiFraudSettings(60, true, true, 60, 3, 5, "reject", false));

    @Test
    void responsesWaitForTheWatermarkAndAreJudgedInReceiptOrder() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            harness.processElement(response("second", 200, "mail-1"), 200 * SECOND);
            harness.processElement(response("first", 100, "mail-1"), 100 * SECOND);
            assertThat(harness.extractOutputValues()).isEmpty();

            watermark(harness, 150 * SECOND);
            assertThat(verdicts(harness)).containsExactly("first accepted");

            watermark(harness, 200 * SECOND);
            assertThat(verdicts(harness)).containsExactly("first accepted", "second rejected DUPLICATE_EMAIL");
            assertThat(harness.getSideOutput(EventTimeOrderedCheck.LATE)).isNullOrEmpty();
        }
    }

    @Test
    void aResponseBehindTheWatermarkIsJudgedOnArrivalAndNotedAsLateByThisCheck() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            harness.processElement(response("on-time", 1000, "mail-1"), 1000 * SECOND);
            watermark(harness, 4300 * SECOND);
            // Received at 100 s, so in receipt order the first of its e-mail; it arrives after the watermark passed.
            harness.processElement(response("early", 100, "mail-1"), 100 * SECOND);

            assertThat(verdicts(harness)).containsExactly("on-time accepted", "early rejected DUPLICATE_EMAIL");
            List<LateResponse> late = harness.getSideOutput(EventTimeOrderedCheck.LATE).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(late).singleElement().satisfies(response -> {
                assertThat(response.responseId).isEqualTo("early");
                assertThat(response.check).isEqualTo("organization");
                assertThat(response.watermarkMillis - response.receivedAtMillis).isEqualTo(4200 * SECOND);
            });
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new OrganizationScreening(SETTINGS),
                OrganizationScreening::key, Types.STRING, SessionPlaces.SESSIONS);
    }

    /** Both inputs' watermarks: the sessions' input holds nothing back in the job either. */
    private static void watermark(KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession,
            ScreenedResponse> harness, long time) throws Exception {
        harness.processBroadcastWatermark(time);
        harness.processWatermark(time);
    }

    private static List<String> verdicts(KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession,
            ScreenedResponse> harness) {
        return harness.extractOutputValues().stream()
                .map(r -> (r.responseId + " " + r.verdict() + " " + r.rejections).strip()).toList();
    }

    private static ScreenedResponse response(String id, long receivedSecond, String email) {
        ScreenedResponse response = new ScreenedResponse();
        response.responseId = id;
        response.campaignId = "c";
        response.organizationId = "org-1";
        response.respondentRole = "parent";
        response.receivedAtMillis = receivedSecond * SECOND;
        response.submittedAtMillis = response.receivedAtMillis;
        response.ipHmac = "ip-" + id;
        response.emailHmac = email;
        response.deviceToken = "";
        response.counts = new long[0];
        return response;
    }
}
