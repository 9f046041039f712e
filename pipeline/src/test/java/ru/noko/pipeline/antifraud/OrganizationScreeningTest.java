package ru.noko.pipeline.antifraud;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.noko.pipeline.testing.KeyedStateOf.keysWith;
import static ru.noko.pipeline.testing.KeyedStateOf.longValueOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.AntiFraudSettings;

/**
 * The organization's checks on a test harness: what is judged at which watermark, lateness where it happens, what
 * the state keeps and for how long, and what a checkpoint carries over a restart.
 */
class OrganizationScreeningTest {

    private static final long SECOND = 1000;
    private static final long HOUR = 3600 * SECOND;
    private static final Map<String, AntiFraudSettings> SETTINGS =
            Map.of("c", new AntiFraudSettings(60, true, true, 60, 3, 5, "reject", false));

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
    void anOrganizationWaitsOnOneTimerHoweverManyResponsesItHoldsAndEachWatermarkReleasesThemInReceiptOrder()
            throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            for (int second = 100; second < 110; second++) {
                harness.processElement(response("at-" + second, second, "mail-" + second), second * SECOND);
            }
            // Behind the newest, ahead of the watermark: it waits too, on the same timer.
            harness.processElement(response("at-104-again", 104, "mail-104"), 104 * SECOND);
            assertThat(harness.numEventTimeTimers())
                    .as("one release for the organization")
                    .isOne();

            watermark(harness, 105 * SECOND);
            assertThat(verdicts(harness))
                    .containsExactly(
                            "at-100 accepted",
                            "at-101 accepted",
                            "at-102 accepted",
                            "at-103 accepted",
                            "at-104 accepted",
                            "at-104-again rejected DUPLICATE_EMAIL",
                            "at-105 accepted");

            // Earlier than all that wait, ahead of the watermark: its own timer releases it first.
            ScreenedResponse earlier = response("at-105.5", 105, "mail-109");
            earlier.receivedAtMillis = 105 * SECOND + 500;
            harness.processElement(earlier, earlier.receivedAtMillis);
            watermark(harness, 200 * SECOND);
            assertThat(verdicts(harness).subList(7, 12))
                    .containsExactly(
                            "at-105.5 accepted",
                            "at-106 accepted",
                            "at-107 accepted",
                            "at-108 accepted",
                            "at-109 rejected DUPLICATE_EMAIL");
            assertThat(keysWith(harness, EventTimeQueue.WAITING)).isZero();
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
                    .map(StreamRecord::getValue)
                    .toList();
            assertThat(late).singleElement().satisfies(response -> {
                assertThat(response.responseId).isEqualTo("early");
                assertThat(response.check).isEqualTo("organization");
                assertThat(response.watermarkMillis - response.receivedAtMillis).isEqualTo(4200 * SECOND);
            });
        }
    }

    @Test
    void nothingOfAJudgedResponseWaitsAndItsAddressIsForgottenOnceTheLongestSessionHasSlidPastIt() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            harness.processElement(response("only", 100, "mail-1"), 100 * SECOND);
            assertThat(keysWith(harness, EventTimeQueue.WAITING)).isOne();
            assertThat(harness.numEventTimeTimers()).as("its release").isOne();

            watermark(harness, 100 * SECOND);
            assertThat(verdicts(harness)).containsExactly("only accepted");
            assertThat(keysWith(harness, EventTimeQueue.WAITING)).isZero();
            assertThat(keysWith(harness, "ip-times")).isOne();
            assertThat(harness.numEventTimeTimers())
                    .as("the sweep of its address")
                    .isOne();

            // The window is an hour, but a session registered late may look back as far as the longest session
            // lasts: the time leaves the window and is kept as its minute's count.
            watermark(harness, 100 * SECOND + HOUR);
            assertThat(keysWith(harness, "ip-times")).isZero();
            assertThat(keysWith(harness, "ip-minutes")).isOne();
            watermark(harness, 100 * SECOND + SessionPlaces.LONGEST.toMillis() + MinuteCounts.MINUTE);
            assertThat(keysWith(harness, "ip-minutes")).isZero();
            assertThat(keysWith(harness, "ip-minutes-due")).isZero();
            assertThat(keysWith(harness, "ip-sweep-at")).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(keysWith(harness, "first-by-email"))
                    .as("kept for the campaign, not the window")
                    .isOne();
        }
    }

    @Test
    void theMinutesKeptForLateSessionsAreWalkedWhenTheOldestIsDueNotOnEverySweepOfTheWindow() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            // A response from a new address every ten minutes for six hours: the window is swept every quarter
            // of an hour, and each sweep moves the addresses it has slid past to the minutes.
            for (int i = 0; i < 36; i++) {
                long second = 100 + i * 600L;
                harness.processElement(response("r" + i, second, "mail-" + i), second * SECOND);
                watermark(harness, second * SECOND);
            }
            long firstMinuteDue = 60 * SECOND + MinuteCounts.MINUTE + SessionPlaces.LONGEST.toMillis();
            assertThat(keysWith(harness, "ip-minutes")).isOne();
            assertThat(longValueOf(harness, "c|org-1", "ip-minutes-due"))
                    .as("the oldest minute's end of retention, unchanged by the window's sweeps")
                    .isEqualTo(firstMinuteDue);
            assertThat(longValueOf(harness, "c|org-1", "ip-sweep-at"))
                    .as("the window's next sweep")
                    .isLessThan(firstMinuteDue);

            watermark(harness, firstMinuteDue);
            assertThat(longValueOf(harness, "c|org-1", "ip-minutes-due"))
                    .as("the next walk at least a quarter of the retention later")
                    .isEqualTo(firstMinuteDue + SessionPlaces.LONGEST.toMillis() / 4);
            watermark(harness, 100 * SECOND + 36 * 600 * SECOND + SessionPlaces.LONGEST.toMillis() + HOUR);
            assertThat(keysWith(harness, "ip-minutes")).isZero();
            assertThat(keysWith(harness, "ip-minutes-due")).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void anEmailUntouchedForLongerThanACampaignIsNeverReadAgainAndLeftOutOfTheNextCheckpoint() throws Exception {
        OperatorSubtaskState checkpoint;
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            harness.setStateTtlProcessingTime(0);
            harness.processElement(response("first", 100, "mail-1"), 100 * SECOND);
            watermark(harness, 100 * SECOND);

            harness.setStateTtlProcessingTime(Duration.ofDays(181).toMillis());
            checkpoint = harness.snapshot(1, 0);
            harness.processElement(response("half-a-year-later", 200, "mail-1"), 200 * SECOND);
            watermark(harness, 200 * SECOND);
            assertThat(verdicts(harness)).containsExactly("first accepted", "half-a-year-later accepted");
        }
        // Restored with the state clock turned back, an e-mail still in the checkpoint would count as fresh.
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> restored =
                restored(checkpoint)) {
            restored.setStateTtlProcessingTime(0);
            assertThat(keysWith(restored, "first-by-email")).isZero();
            restored.processElement(response("after-restore", 300, "mail-1"), 300 * SECOND);
            watermark(restored, 300 * SECOND);
            assertThat(verdicts(restored)).containsExactly("after-restore accepted");
        }
    }

    @Test
    void responsesWaitingForTheWatermarkAreInTheCheckpointAndAreJudgedAfterARestore() throws Exception {
        OperatorSubtaskState checkpoint;
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            harness.processElement(response("second", 200, "mail-1"), 200 * SECOND);
            harness.processElement(response("first", 100, "mail-1"), 100 * SECOND);
            checkpoint = harness.snapshot(1, 0);
            assertThat(harness.extractOutputValues()).isEmpty();
        }
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> restored =
                restored(checkpoint)) {
            assertThat(keysWith(restored, EventTimeQueue.WAITING)).isOne();
            assertThat(restored.numEventTimeTimers()).as("both releases").isEqualTo(2);

            watermark(restored, 200 * SECOND);
            assertThat(verdicts(restored)).containsExactly("first accepted", "second rejected DUPLICATE_EMAIL");
        }
    }

    @Test
    void responsesACheckpointOfTheEarlierQueueHeldAreAdoptedAndJudgedInReceiptOrderWithThoseArrivingAfter()
            throws Exception {
        OperatorSubtaskState checkpoint;
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> earlier =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new EarlierQueue(), OrganizationScreening::key, Types.STRING, SessionPlaces.SESSIONS)) {
            earlier.processElement(response("second", 200, "mail-1"), 200 * SECOND);
            earlier.processElement(response("first", 100, "mail-1"), 100 * SECOND);
            earlier.processElement(response("third", 300, "mail-3"), 300 * SECOND);
            checkpoint = earlier.snapshot(1, 0);
        }
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> restored =
                restored(checkpoint)) {
            restored.processElement(response("arrived-after", 150, "mail-2"), 150 * SECOND);
            watermark(restored, 250 * SECOND);
            assertThat(verdicts(restored))
                    .containsExactly("first accepted", "arrived-after accepted", "second rejected DUPLICATE_EMAIL");
            assertThat(keysWith(restored, EventTimeQueue.EARLIER_LAYOUT.getName()))
                    .isZero();
            assertThat(keysWith(restored, EventTimeQueue.WAITING))
                    .as("the third, not due yet")
                    .isOne();

            watermark(restored, 300 * SECOND);
            assertThat(verdicts(restored)).last().isEqualTo("third accepted");
            assertThat(keysWith(restored, EventTimeQueue.WAITING)).isZero();
        }
    }

    @Test
    void anOrganizedSessionTakesItsClassPastTheAddressLimitAndRemembersThePlacesUsed() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            harness.processBroadcastElement(session("class-7a", "ip-class", 1000, 2000, 4), 0);
            classAnswers(harness, "pupil-", 5, 1000, 1);
            watermark(harness, 2000 * SECOND);

            // Four places for the class (more than the address limit of three); the fifth response is over them.
            assertThat(verdicts(harness))
                    .containsExactly(
                            "pupil-0 accepted",
                            "pupil-1 accepted",
                            "pupil-2 accepted",
                            "pupil-3 accepted",
                            "pupil-4 rejected IP_LIMIT_ORGANIZATION");
            assertThat(keysWith(harness, "session-use")).isOne();
        }
    }

    @Test
    void aSessionRegisteredAfterItStartedCountsTheResponsesAlreadyLetThroughAsPlacesTaken() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            classAnswers(harness, "early-", 3, 1000, 1);
            watermark(harness, 1100 * SECOND);
            // The session of four, registered now, started at 1000 s: three of its places are taken already.
            harness.processBroadcastElement(session("class-7b", "ip-class", 1000, 5000, 4), 1100 * SECOND);
            classAnswers(harness, "late-", 3, 1200, 1);
            watermark(harness, 1300 * SECOND);

            assertThat(verdicts(harness))
                    .containsExactly(
                            "early-0 accepted",
                            "early-1 accepted",
                            "early-2 accepted",
                            "late-0 accepted",
                            "late-1 rejected IP_LIMIT_ORGANIZATION",
                            "late-2 rejected IP_LIMIT_ORGANIZATION");
        }
    }

    @Test
    void aSessionRegisteredHoursAfterItStartedCountsTheResponsesThatHaveLeftTheWindowByTheirMinutes() throws Exception {
        long start = 600; // 00:10, a whole minute as a session's start always is
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            classAnswers(harness, "early-", 3, start, 20);
            long later = start + 2 * HOUR / SECOND;
            watermark(harness, later * SECOND);
            assertThat(keysWith(harness, "ip-times"))
                    .as("the hour's window has slid past them")
                    .isZero();
            // A three-hour session of four from 00:10, registered two hours in: three of its places are taken.
            harness.processBroadcastElement(
                    session("class-9a", "ip-class", start, start + 3 * HOUR / SECOND, 4), later * SECOND);
            classAnswers(harness, "late-", 2, later + 10, 1);
            watermark(harness, (later + 100) * SECOND);

            assertThat(verdicts(harness))
                    .containsExactly(
                            "early-0 accepted",
                            "early-1 accepted",
                            "early-2 accepted",
                            "late-0 accepted",
                            "late-1 rejected IP_LIMIT_ORGANIZATION");
        }
    }

    @Test
    void aCancelledSessionNoLongerLiftsTheAddressLimit() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                harness()) {
            OrganizedSession session = session("class-8a", "ip-class", 1000, 2000, 6);
            harness.processBroadcastElement(session, 0);
            OrganizedSession cancellation = session("class-8a", "ip-class", 1000, 2000, 6);
            cancellation.cancelled = true;
            harness.processBroadcastElement(cancellation, 0);
            classAnswers(harness, "pupil-", 5, 1000, 1);
            watermark(harness, 2000 * SECOND);

            assertThat(verdicts(harness))
                    .as("the address's limit of three, as without a session")
                    .containsExactly(
                            "pupil-0 accepted",
                            "pupil-1 accepted",
                            "pupil-2 accepted",
                            "pupil-3 rejected IP_LIMIT_ORGANIZATION",
                            "pupil-4 rejected IP_LIMIT_ORGANIZATION");
        }
    }

    /** The queue as checkpoints before its list kept it: responses by event time, a timer at each. */
    private static final class EarlierQueue
            extends KeyedBroadcastProcessFunction<String, ScreenedResponse, OrganizedSession, ScreenedResponse> {

        @Override
        public void processElement(ScreenedResponse response, ReadOnlyContext context, Collector<ScreenedResponse> out)
                throws Exception {
            MapState<Long, List<ScreenedResponse>> waiting =
                    getRuntimeContext().getMapState(EventTimeQueue.EARLIER_LAYOUT);
            List<ScreenedResponse> atTime = waiting.get(response.eventTime());
            List<ScreenedResponse> updated = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
            updated.add(response);
            waiting.put(response.eventTime(), updated);
            context.timerService().registerEventTimeTimer(response.eventTime());
        }

        @Override
        public void processBroadcastElement(
                OrganizedSession session, Context context, Collector<ScreenedResponse> out) {}
    }

    private static KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new OrganizationScreening(), OrganizationScreening::key, Types.STRING, SessionPlaces.SESSIONS);
    }

    /** The check started again from a checkpoint, as a restarted job starts it. */
    private static KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse>
            restored(OperatorSubtaskState checkpoint) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new OrganizationScreening(), List.of(SessionPlaces.SESSIONS)),
                        OrganizationScreening::key,
                        Types.STRING,
                        1,
                        1,
                        0);
        harness.initializeState(checkpoint);
        harness.open();
        return harness;
    }

    /** Both inputs' watermarks: the sessions' input holds nothing back in the job either. */
    private static void watermark(
            KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness,
            long time)
            throws Exception {
        harness.processBroadcastWatermark(time);
        harness.processWatermark(time);
    }

    private static List<String> verdicts(
            KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness) {
        return harness.extractOutputValues().stream()
                .map(r -> (r.responseId + " " + r.verdict() + " " + r.rejections).strip())
                .toList();
    }

    /** {@code count} pupils answering from the class's address, one every {@code step} seconds from {@code first}. */
    private static void classAnswers(
            KeyedBroadcastOperatorTestHarness<String, ScreenedResponse, OrganizedSession, ScreenedResponse> harness,
            String prefix,
            int count,
            long first,
            long step)
            throws Exception {
        for (int pupil = 0; pupil < count; pupil++) {
            long second = first + step * pupil;
            harness.processElement(
                    response(prefix + pupil, second, "mail-" + prefix + pupil, "ip-class"), second * SECOND);
        }
    }

    private static ScreenedResponse response(String id, long receivedSecond, String email) {
        return response(id, receivedSecond, email, "ip-" + id);
    }

    private static ScreenedResponse response(String id, long receivedSecond, String email, String ip) {
        ScreenedResponse response = new ScreenedResponse();
        response.responseId = id;
        response.campaignId = "c";
        response.organizationId = "org-1";
        response.respondentRole = "parent";
        response.receivedAtMillis = receivedSecond * SECOND;
        response.submittedAtMillis = response.receivedAtMillis;
        response.ipHmac = ip;
        response.emailHmac = email;
        response.deviceToken = "";
        response.counts = new long[0];
        return response.withRules(SETTINGS.get("c"));
    }

    private static OrganizedSession session(String id, String ip, long fromSecond, long toSecond, int participants) {
        OrganizedSession session = new OrganizedSession();
        session.sessionId = id;
        session.campaignId = "c";
        session.organizationId = "org-1";
        session.ipHmac = ip;
        session.fromMillis = fromSecond * SECOND;
        session.toMillis = toSecond * SECOND;
        session.participants = participants;
        return session;
    }
}
