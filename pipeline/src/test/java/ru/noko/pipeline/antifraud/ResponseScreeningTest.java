package ru.noko.pipeline.antifraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.pipeline.campaign.CampaignText;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.pipeline.testing.TestCampaigns;

/** The anti-fraud checks on a MiniCluster (parallelism 2), over bounded input so every verdict is final. */
class ResponseScreeningTest {

    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
    private static final String CAMPAIGN = "test-campaign";
    private static final String REVIEWING = "test-reviewing";
    private static final Map<String, AntiFraudSettings> SETTINGS = Map.of(
            CAMPAIGN, new AntiFraudSettings(60, true, true, 60, 3, 5, "reject", false),
            REVIEWING, new AntiFraudSettings(60, true, true, 60, 3, 5, "review", false));

    @Test
    void tooFastAnswersAreRejected() throws Exception {
        ResponseRow quick = response("quick", 0).startedSecondsBefore(59).row();
        ResponseRow careful = response("careful", 1).startedSecondsBefore(60).row();

        assertThat(verdicts(List.of(quick, careful)))
                .containsEntry("quick", "rejected:TOO_FAST")
                .containsEntry("careful", "accepted:");
    }

    @Test
    void theFirstResponseInEventTimeWinsPerEmailOrganizationAndRole() throws Exception {
        List<ResponseRow> rows = List.of(
                response("late", 200).email("mail-1").row(),
                response("first", 50).email("mail-1").row(),
                response("middle", 100).email("mail-1").row(),
                response("other-school", 120)
                        .email("mail-1")
                        .organization("org-2")
                        .row(),
                response("as-student", 130).email("mail-1").role("student").row(),
                response("no-email", 140).row());

        assertThat(verdicts(rows))
                .containsEntry("first", "accepted:")
                .containsEntry("middle", "rejected:DUPLICATE_EMAIL")
                .containsEntry("late", "rejected:DUPLICATE_EMAIL")
                .containsEntry("other-school", "accepted:")
                .containsEntry("as-student", "accepted:")
                .containsEntry("no-email", "accepted:");
    }

    @Test
    void theFirstResponseWinsPerDevice() throws Exception {
        List<ResponseRow> rows = List.of(
                response("a", 10).device("phone-1").row(),
                response("b", 20).device("phone-1").row(),
                response("c", 30).device("phone-2").row());

        assertThat(verdicts(rows))
                .containsEntry("a", "accepted:")
                .containsEntry("b", "rejected:DUPLICATE_DEVICE")
                .containsEntry("c", "accepted:");
    }

    @Test
    void anIpOverItsLimitForOneOrganizationIsRejectedUntilTheWindowSlidesOn() throws Exception {
        List<ResponseRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(response("burst-" + i, i * 60).ip("ip-1").row());
        }
        rows.add(response("next-hour", 3600 + 61).ip("ip-1").row());

        Map<String, String> verdicts = verdicts(rows);
        assertThat(verdicts)
                .containsEntry("burst-0", "accepted:")
                .containsEntry("burst-2", "accepted:")
                .containsEntry("burst-3", "rejected:IP_LIMIT_ORGANIZATION")
                .containsEntry("burst-4", "rejected:IP_LIMIT_ORGANIZATION")
                .containsEntry("next-hour", "accepted:");
    }

    @Test
    void anAddressForgottenAfterItsWindowStartsAfreshInEveryLaterBurst() throws Exception {
        // Bursts two hours apart, with other addresses in between, so the checks forget the address between bursts.
        List<ResponseRow> rows = new ArrayList<>();
        for (int burst = 0; burst < 4; burst++) {
            for (int i = 0; i < 5; i++) {
                int second = burst * 7200 + i * 60;
                rows.add(response("b" + burst + "-" + i, second).ip("ip-9").row());
                rows.add(response("b" + burst + "-hop-" + i, second + 1)
                        .ip("ip-8")
                        .organization("org-hop-" + i)
                        .row());
                rows.add(response("b" + burst + "-" + i + "-other", second + 30)
                        .ip("ip-other-" + burst + "-" + i)
                        .row());
            }
        }

        Map<String, String> verdicts = verdicts(rows);
        for (int burst = 0; burst < 4; burst++) {
            assertThat(verdicts)
                    .containsEntry("b" + burst + "-2", "accepted:")
                    .containsEntry("b" + burst + "-3", "rejected:IP_LIMIT_ORGANIZATION")
                    .containsEntry("b" + burst + "-hop-4", "accepted:")
                    .containsEntry("b" + burst + "-4-other", "accepted:");
        }
    }

    @Test
    void aBurstWhoseDevicesClaimHoursBetweenResponsesIsStillOverTheIpLimit() throws Exception {
        // Five responses from one address within five minutes of the gateway's clock, each claiming to be submitted
        // an hour after the previous one: the windows count by receipt, so the claims change nothing.
        List<ResponseRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(response("claimed-" + i, i * 60)
                    .ip("ip-5")
                    .backdatedBy(Duration.ofHours(10 - 2L * i))
                    .row());
        }

        assertThat(verdicts(rows))
                .containsEntry("claimed-2", "accepted:")
                .containsEntry("claimed-3", "rejected:IP_LIMIT_ORGANIZATION")
                .containsEntry("claimed-4", "rejected:IP_LIMIT_ORGANIZATION");
    }

    @Test
    void anIpOverItsLimitAcrossOrganizationsIsRejected() throws Exception {
        List<ResponseRow> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rows.add(response("org-hop-" + i, i * 10)
                    .ip("ip-2")
                    .organization("org-" + i)
                    .row());
        }

        Map<String, String> verdicts = verdicts(rows);
        assertThat(verdicts)
                .containsEntry("org-hop-4", "accepted:")
                .containsEntry("org-hop-5", "rejected:IP_LIMIT_ALL_ORGANIZATIONS")
                .containsEntry("org-hop-6", "rejected:IP_LIMIT_ALL_ORGANIZATIONS");
    }

    @Test
    void aCampaignThatReviewsInsteadOfRejectingFlagsTheResponse() throws Exception {
        List<ResponseRow> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(response("class-" + i, i).ip("ip-3").campaign(REVIEWING).row());
        }

        assertThat(verdicts(rows))
                .containsEntry("class-2", "accepted:")
                .containsEntry("class-3", "review:IP_LIMIT_ORGANIZATION");
    }

    @Test
    void verdictsDependOnEventTimeOrderNotOnArrivalOrder() throws Exception {
        List<ResponseRow> rows = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 120; i++) {
            rows.add(response("r-" + i, random.nextInt(1800))
                    .ip("ip-" + random.nextInt(3))
                    .email(random.nextInt(4) == 0 ? "mail-" + random.nextInt(10) : null)
                    .device("dev-" + random.nextInt(60))
                    .organization("org-" + random.nextInt(2))
                    .startedSecondsBefore(30 + random.nextInt(200))
                    .row());
        }
        Map<String, String> first = verdicts(rows);
        List<ResponseRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, random);

        assertThat(verdicts(shuffled)).isEqualTo(first);
        assertThat(first.values()).anyMatch(v -> v.startsWith("rejected")).anyMatch(v -> v.startsWith("accepted"));
    }

    @Test
    void insideASessionTheAddressGivesAtMostTheDeclaredParticipantsNotTheLimitPlusThem() throws Exception {
        // The case at this campaign's scale: limit 3, a session of 8 participants, 12 from the class.
        List<ResponseRow> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(response("class-" + i, 600 + i * 30).ip("class-ip").row());
        }
        rows.add(response("before-session", 100).ip("class-ip").row());
        rows.add(response("other-school", 700)
                .ip("class-ip")
                .organization("org-9")
                .row());
        OrganizedSession session = session("lesson-1", "class-ip", "org-1", 600, 600 + 20 * 60, 8);

        Map<String, String> verdicts = verdicts(rows, List.of(session));

        // Before the session the normal rule; inside it, 8 places, used in receipt order.
        assertThat(verdicts).containsEntry("before-session", "accepted:");
        for (int i = 0; i < 8; i++) {
            assertThat(verdicts).containsEntry("class-" + i, "accepted:");
        }
        for (int i = 8; i < 12; i++) {
            assertThat(verdicts).containsEntry("class-" + i, "rejected:IP_LIMIT_ORGANIZATION");
        }
        // The session is the organization's: the class's 8 count in the address's window, so a response to another
        // school within the hour is over the limit across organizations (5), which the session does not lift.
        assertThat(verdicts).containsEntry("other-school", "rejected:IP_LIMIT_ALL_ORGANIZATIONS");
    }

    @Test
    void aSessionSmallerThanTheLimitLeavesTheNormalLimitInside() throws Exception {
        List<ResponseRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(response("pair-" + i, 600 + i * 30).ip("class-ip").row());
        }
        Map<String, String> verdicts = verdicts(rows, List.of(session("pair", "class-ip", "org-1", 600, 1800, 2)));

        assertThat(verdicts)
                .containsEntry("pair-2", "accepted:")
                .containsEntry("pair-3", "rejected:IP_LIMIT_ORGANIZATION");
    }

    @Test
    void aSessionCoversReceiptsFromItsStartInclusiveToItsEndExclusive() throws Exception {
        List<ResponseRow> rows = new ArrayList<>();
        // Three normal responses fill the address's window before the session starts.
        for (int i = 0; i < 3; i++) {
            rows.add(response("earlier-" + i, 500 + i).ip("class-ip").row());
        }
        rows.add(response("at-start", 600).ip("class-ip").row());
        rows.add(response("at-end", 900).ip("class-ip").row());
        Map<String, String> verdicts = verdicts(rows, List.of(session("short", "class-ip", "org-1", 600, 900, 10)));

        assertThat(verdicts)
                .containsEntry("at-start", "accepted:")
                .containsEntry("at-end", "rejected:IP_LIMIT_ORGANIZATION");
    }

    @Test
    void afterTheSessionTheNormalRuleCountsTheClassesResponsesInTheWindow() throws Exception {
        List<ResponseRow> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(response("class-" + i, 600 + i * 10).ip("class-ip").row());
        }
        rows.add(response("within-the-hour", 600 + 30 * 60).ip("class-ip").row());
        rows.add(response("an-hour-later", 600 + 50 + 3600).ip("class-ip").row());
        Map<String, String> verdicts = verdicts(rows, List.of(session("lesson", "class-ip", "org-1", 600, 1200, 6)));

        assertThat(verdicts)
                .containsEntry("class-5", "accepted:")
                .containsEntry("within-the-hour", "rejected:IP_LIMIT_ORGANIZATION")
                .containsEntry("an-hour-later", "accepted:");
    }

    @Test
    void responsesRejectedForAnotherReasonUseNoPlaceInTheSession() throws Exception {
        List<ResponseRow> rows = new ArrayList<>();
        rows.add(response("first", 600).ip("class-ip").email("mail-1").row());
        rows.add(response("again", 610).ip("class-ip").email("mail-1").row());
        rows.add(response("too-quick", 620)
                .ip("class-ip")
                .startedSecondsBefore(5)
                .row());
        for (int i = 0; i < 4; i++) {
            rows.add(response("pupil-" + i, 630 + i).ip("class-ip").row());
        }
        Map<String, String> verdicts = verdicts(rows, List.of(session("lesson", "class-ip", "org-1", 600, 1800, 5)));

        assertThat(verdicts)
                .containsEntry("again", "rejected:DUPLICATE_EMAIL")
                .containsEntry("too-quick", "rejected:TOO_FAST");
        for (int i = 0; i < 4; i++) {
            assertThat(verdicts).containsEntry("pupil-" + i, "accepted:");
        }
    }

    @Test
    void aSessionRegisteredForTwentyFiveLetsTwentyFiveThroughAcrossOrganizationsToo() throws Exception {
        // Limits 3 per organization and 5 across: the session's own limit decides for its organization.
        List<ResponseRow> rows = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            rows.add(response("pupil-" + i, 600 + i * 20).ip("class-ip").row());
        }
        Map<String, String> verdicts =
                verdicts(rows, List.of(session("class-7a", "class-ip", "org-1", 600, 600 + 45 * 60, 25)));

        assertThat(verdicts.entrySet().stream()
                        .filter(e -> e.getValue().equals("accepted:"))
                        .count())
                .isEqualTo(25);
        assertThat(verdicts)
                .containsEntry("pupil-24", "accepted:")
                .containsEntry("pupil-25", "rejected:IP_LIMIT_ORGANIZATION");
    }

    @Test
    void aReviewingCampaignFlagsResponsesBeyondTheSessionsPlaces() throws Exception {
        List<ResponseRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(response("class-" + i, 600 + i)
                    .ip("class-ip")
                    .campaign(REVIEWING)
                    .row());
        }
        OrganizedSession session = session("lesson", "class-ip", "org-1", 600, 1800, 4);
        session.campaignId = REVIEWING;

        Map<String, String> verdicts = verdicts(rows, List.of(session));

        assertThat(verdicts)
                .containsEntry("class-3", "accepted:")
                .containsEntry("class-4", "review:IP_LIMIT_ORGANIZATION");
    }

    @Test
    void aSessionOfAnotherOrganizationOrTimeDoesNotLiftTheLimit() throws Exception {
        List<ResponseRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(response("r-" + i, 600 + i).ip("class-ip").row());
        }
        List<OrganizedSession> sessions = List.of(
                session("elsewhere", "class-ip", "org-2", 0, 3600, 30),
                session("tomorrow", "class-ip", "org-1", 86_400, 90_000, 30));

        assertThat(verdicts(rows, sessions)).containsEntry("r-3", "rejected:IP_LIMIT_ORGANIZATION");
    }

    @Test
    void aResubmissionOfTheSameResponseIsJudgedAndCountedOnce() throws Exception {
        // The same form sent twice (same key and body, so the same id), once to each of two gateways.
        List<ResponseRow> rows = List.of(
                response("form-1", 100).key("key-1").ip("ip-a").row(),
                response("form-1", 102).key("key-1").ip("ip-b").row(),
                response("other", 200).ip("ip-a").row());

        List<ScreenedResponse> judged = judged(rows, List.of());

        assertThat(judged)
                .extracting(r -> r.responseId + " " + r.verdict())
                .containsExactlyInAnyOrder("form-1 accepted", "other accepted");
    }

    @Test
    void anotherBodyUnderAKeyAlreadyUsedIsRejectedAndTheFirstCounts() throws Exception {
        List<ResponseRow> rows = List.of(
                response("second-body", 300).key("key-1").row(),
                response("first-body", 100).key("key-1").row(),
                response("same-key-other-school", 200)
                        .key("key-1")
                        .organization("org-2")
                        .row());

        assertThat(verdicts(rows))
                .containsEntry("first-body", "accepted:")
                .containsEntry("second-body", "rejected:IDEMPOTENCY_CONFLICT")
                .containsEntry("same-key-other-school", "accepted:");
    }

    private static OrganizedSession session(
            String id, String ip, String organization, int fromSecond, int toSecond, int participants) {
        OrganizedSession session = new OrganizedSession();
        session.sessionId = id;
        session.campaignId = CAMPAIGN;
        session.organizationId = organization;
        session.ipHmac = ip;
        session.fromMillis = T0.plusSeconds(fromSecond).toEpochMilli();
        session.toMillis = T0.plusSeconds(toSecond).toEpochMilli();
        session.participants = participants;
        return session;
    }

    private static Map<String, String> verdicts(List<ResponseRow> rows) throws Exception {
        return verdicts(rows, List.of());
    }

    /** Response id → "verdict:reasons". */
    private static Map<String, String> verdicts(List<ResponseRow> rows, List<OrganizedSession> registered)
            throws Exception {
        Map<String, String> verdicts = new HashMap<>();
        for (ScreenedResponse s : judged(rows, registered)) {
            verdicts.put(s.responseId, s.verdict() + ":" + (s.isRejected() ? s.rejections : s.flags));
        }
        assertThat(verdicts).hasSize(rows.size());
        return verdicts;
    }

    /** Every record the checks let through, with its verdict. */
    private static List<ScreenedResponse> judged(List<ResponseRow> rows, List<OrganizedSession> registered)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        DataStream<ResponseRow> input = env.fromData(rows)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ResponseRow>forBoundedOutOfOrderness(Duration.ofMinutes(5))
                                .withTimestampAssigner((row, previous) -> row.receivedAtMillis));
        // Sessions are registered before the responses they cover: the watermark of a bounded collection stays at
        // its start until the collection ends, so they reach the checks first.
        DataStream<OrganizedSession> sessions = registered.isEmpty()
                ? env.fromData(List.of(placeholderSession())).filter(s -> false)
                : env.fromData(registered);
        // Every campaign is known from the start; the broadcast of later ones needs an element to end.
        DataStream<CampaignText> noneLater = env.fromData(List.of(new CampaignText()));
        List<ScreenedResponse> judged = new ArrayList<>();
        try (CloseableIterator<ScreenedResponse> out = ResponseScreening.screen(
                        input, sessions, noneLater, TestCampaigns.book(SETTINGS))
                .responses()
                .executeAndCollect()) {
            out.forEachRemaining(judged::add);
        }
        return judged;
    }

    private static OrganizedSession placeholderSession() {
        return session("none", "none", "none", 0, 1, 1);
    }

    private static Builder response(String id, int secondsAfterStart) {
        return new Builder(id, T0.plusSeconds(secondsAfterStart).toEpochMilli());
    }

    /** A valid response row; each test sets only what its check looks at. */
    private static final class Builder {
        private final ResponseRow row = new ResponseRow();

        Builder(String id, long submitted) {
            row.responseId = id;
            row.campaignId = CAMPAIGN;
            row.organizationId = "org-1";
            row.respondentRole = "parent";
            row.answersJson = "{}";
            row.submittedAtMillis = submitted;
            row.startedAtMillis = submitted - 300_000;
            row.receivedAtMillis = submitted;
            row.ipHmac = "ip-of-" + id;
            row.userAgent = "";
            row.deviceToken = "";
            row.emailHmac = "";
            row.idempotencyKey = "";
            row.counts = new long[0];
        }

        Builder email(String hmac) {
            row.emailHmac = hmac == null ? "" : hmac;
            return this;
        }

        Builder device(String token) {
            row.deviceToken = token;
            return this;
        }

        Builder ip(String hmac) {
            row.ipHmac = hmac;
            return this;
        }

        Builder organization(String id) {
            row.organizationId = id;
            return this;
        }

        Builder role(String role) {
            row.respondentRole = role;
            return this;
        }

        Builder key(String idempotencyKey) {
            row.idempotencyKey = idempotencyKey;
            return this;
        }

        Builder campaign(String id) {
            row.campaignId = id;
            return this;
        }

        /** The device claims it submitted this long before the gateway received it. */
        Builder backdatedBy(Duration claimed) {
            row.submittedAtMillis -= claimed.toMillis();
            row.startedAtMillis -= claimed.toMillis();
            return this;
        }

        Builder startedSecondsBefore(int seconds) {
            row.startedAtMillis = row.submittedAtMillis - seconds * 1000L;
            return this;
        }

        ResponseRow row() {
            return row;
        }
    }
}
