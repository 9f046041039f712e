package ru.noko.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.methodology.campaign.AntiFraudSettings;
import ru.noko.pipeline.testing.ResponseTopic;
import ru.noko.pipeline.testing.SurveyResponses;
import ru.noko.pipeline.testing.TestCampaigns;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/** The ingest job against a real Kafka broker and a real ClickHouse server. */
class ResponseIngestJobTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void everyResponseLandsInClickHouseOnceAndUnreadableRecordsAreKeptWithTheirReason() throws Exception {
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "ingest-once", 3);
        IngestJobRunner runner = new IngestJobRunner("ingest_once", topic.name());
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        List<SurveyResponse> responses = responses(0, 500);
        topic.send(responses);
        topic.sendRaw("org-1", "not avro at all".getBytes(StandardCharsets.UTF_8));

        JobClient job = runner.start();
        try {
            clickHouse.awaitCount("SELECT count() FROM survey_responses", n -> n >= 500, WAIT);
            clickHouse.awaitCount("SELECT count() FROM undecodable_records", n -> n >= 1, WAIT);
            // A verdict waits for the watermark (30 s of out-of-orderness) to pass its response; at one response a
            // second, all but the last half-minute of this finite stream get theirs.
            clickHouse.awaitCount("SELECT count() FROM response_verdicts", n -> n >= 450, WAIT);
        } finally {
            job.cancel().get();
        }

        assertThat(clickHouse.strings("SELECT response_id FROM survey_responses"))
                .as("without FINAL: no replay happened, so no row may be there twice")
                .hasSize(500)
                .containsExactlyInAnyOrderElementsOf(ids(responses));
        assertThat(clickHouse.strings("SELECT error FROM undecodable_records"))
                .singleElement()
                .asString()
                .isNotBlank();
        assertThat(clickHouse.strings("SELECT answers FROM survey_responses WHERE response_id = '"
                        + responses.get(7).getResponseId() + "'"))
                .containsExactly("{\"q1\":true,\"q2\":3,\"q3\":\"opt-b\",\"q4\":[\"a\",\"c\"],\"q5\":2.5}");
        assertThat(clickHouse.strings("SELECT toString(submitted_at) FROM survey_responses WHERE response_id = '"
                        + responses.get(7).getResponseId() + "'"))
                .containsExactly("2026-02-01 08:00:07");
        assertThat(clickHouse.count(
                        "SELECT count() FROM survey_responses WHERE ip_hmac LIKE '10.%' OR length(ip_hmac) != 64"))
                .as("IP addresses are stored only as HMACs")
                .isZero();
        assertThat(clickHouse.strings("SELECT DISTINCT verdict FROM response_verdicts FINAL"))
                .as("honest respondents: distinct devices, few responses per address, six minutes to fill in")
                .containsExactly("accepted");
        assertThat(clickHouse.count("SELECT count() FROM response_verdicts WHERE response_id NOT IN"
                        + " (SELECT response_id FROM survey_responses)"))
                .isZero();
    }

    @Test
    void aCampaignOpenedWhileTheJobRunsIsJudgedByItsRulesAndCountedWithoutARestart() throws Exception {
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "ingest-opened", 2);
        IngestJobRunner runner = new IngestJobRunner("ingest_opened", topic.name());
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        String opened = "opened-while-running";
        AntiFraudSettings twentySeconds = new AntiFraudSettings(20, true, true, 60, 20, 60, "reject", false);

        JobClient job = runner.start();
        try {
            runner.awaitCheckpointOfEverythingSent(WAIT);
            openCampaign(topic, runner, clickHouse, opened, twentySeconds);
            topic.send(List.of(
                    responseTo(opened, "filled-in-30-s", 30), // the default minimum (60 s) would reject it
                    responseTo(opened, "filled-in-40-s", 40),
                    responseTo(opened, "filled-in-10-s", 10)));
            clickHouse.awaitCount(
                    "SELECT count() FROM response_verdicts WHERE campaign_id = '" + opened + "'", n -> n == 3, WAIT);
            clickHouse.awaitCount(
                    "SELECT max(responses) FROM organization_results WHERE campaign_id = '" + opened + "'",
                    n -> n == 2,
                    WAIT);
        } finally {
            job.cancel().get();
        }
        assertThat(clickHouse.strings("SELECT concat(response_id, ' ', verdict, ' ', rejections)"
                        + " FROM response_verdicts WHERE campaign_id = '" + opened + "'"))
                .containsExactlyInAnyOrder(
                        id("filled-in-10-s") + " rejected TOO_FAST",
                        id("filled-in-30-s") + " accepted ",
                        id("filled-in-40-s") + " accepted ");
        assertThat(clickHouse.strings("SELECT title FROM campaigns WHERE campaign_id = '" + opened + "'"))
                .containsExactly("Тестовая кампания " + opened);
    }

    @Test
    void aRegisteredSessionLetsAClassAnswerFromOneAddressUpToItsPlacesAndACancelledOneDoesNot() throws Exception {
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "ingest-sessions", 2);
        IngestJobRunner runner = new IngestJobRunner("ingest_sessions", topic.name());
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        String campaign = "sessions-while-running";
        // Three responses per address and organization an hour; a class of six is registered for two addresses.
        AntiFraudSettings threePerAddress = new AntiFraudSettings(20, true, true, 60, 3, 60, "reject", false);
        Instant now = Instant.now();

        JobClient job = runner.start();
        try {
            runner.awaitCheckpointOfEverythingSent(WAIT);
            openCampaign(topic, runner, clickHouse, campaign, threePerAddress);
            topic.sendRaw(
                    runner.config.sessionsTopic(), "class-a", session("class-a", campaign, "10.7.7.7", now, false));
            topic.sendRaw(
                    runner.config.sessionsTopic(), "class-b", session("class-b", campaign, "10.7.7.8", now, false));
            topic.sendRaw(
                    runner.config.sessionsTopic(), "class-b", session("class-b", campaign, "10.7.7.8", now, true));
            clickHouse.awaitCount(
                    "SELECT count() FROM organized_sessions WHERE campaign_id = '" + campaign + "'", n -> n == 3, WAIT);
            List<SurveyResponse> pupils = new java.util.ArrayList<>(pupils(campaign, "a-", 8, "10.7.7.7"));
            pupils.addAll(pupils(campaign, "b-", 5, "10.7.7.8"));
            topic.send(pupils);
            clickHouse.awaitCount(
                    "SELECT count() FROM response_verdicts WHERE campaign_id = '" + campaign + "'", n -> n == 13, WAIT);
        } finally {
            job.cancel().get();
        }
        Map<String, Long> accepted = clickHouse
                .strings("SELECT concat(response_id, ' ', verdict) FROM response_verdicts FINAL WHERE campaign_id = '"
                        + campaign + "'")
                .stream()
                .filter(row -> row.endsWith(" accepted"))
                .collect(Collectors.groupingBy(ResponseIngestJobTest::classOf, Collectors.counting()));
        assertThat(accepted)
                .as("six places for class a (more than the address's three); class b's session was cancelled")
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 6L, "b", 3L));
    }

    @Test
    void aSessionRegisteredAfterItsClassBeganAnsweringLetsNoMoreThroughThanItsPlaces() throws Exception {
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "ingest-late-session", 2);
        IngestJobRunner runner = new IngestJobRunner("ingest_late_session", topic.name());
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        String campaign = "late-session";
        AntiFraudSettings threePerAddress = new AntiFraudSettings(20, true, true, 60, 3, 60, "reject", false);
        Instant now = Instant.now();

        JobClient job = runner.start();
        try {
            runner.awaitCheckpointOfEverythingSent(WAIT);
            openCampaign(topic, runner, clickHouse, campaign, threePerAddress);
            // The class starts before the operator has registered its session: the address's three go through.
            topic.send(pupils(campaign, "c-early-", 3, "10.7.7.9"));
            clickHouse.awaitCount(
                    "SELECT count() FROM response_verdicts WHERE campaign_id = '" + campaign + "'", n -> n == 3, WAIT);
            // Then the session of six arrives, from a minute before the class began: three places are taken.
            topic.sendRaw(
                    runner.config.sessionsTopic(), "class-c", session("class-c", campaign, "10.7.7.9", now, false));
            clickHouse.awaitCount(
                    "SELECT count() FROM organized_sessions WHERE campaign_id = '" + campaign + "'", n -> n == 1, WAIT);
            topic.send(pupils(campaign, "c-later-", 5, "10.7.7.9"));
            clickHouse.awaitCount(
                    "SELECT count() FROM response_verdicts WHERE campaign_id = '" + campaign + "'", n -> n == 8, WAIT);
        } finally {
            job.cancel().get();
        }
        assertThat(clickHouse.count("SELECT count() FROM response_verdicts FINAL WHERE campaign_id = '" + campaign
                        + "' AND verdict = 'accepted'"))
                .as("six places in all, three of them taken before the session was known, not six more")
                .isEqualTo(6);
    }

    private static final Map<String, String> CLASS_OF = new java.util.concurrent.ConcurrentHashMap<>();

    private static String classOf(String verdictRow) {
        return CLASS_OF.getOrDefault(verdictRow.substring(0, verdictRow.indexOf(' ')), "?");
    }

    /** Publishes a campaign with the given rules on the campaigns topic and waits until the job has taken it. */
    private static void openCampaign(
            ResponseTopic topic,
            IngestJobRunner runner,
            ClickHouseQueries clickHouse,
            String campaign,
            AntiFraudSettings rules)
            throws Exception {
        topic.sendRaw(
                runner.config.campaignsTopic(),
                campaign,
                TestCampaigns.text(campaign, rules).getBytes(StandardCharsets.UTF_8));
        clickHouse.awaitCount(
                "SELECT count() FROM campaigns WHERE campaign_id = '" + campaign + "'", n -> n == 1, WAIT);
    }

    /** {@code count} pupils of a class answering from one address, named {@code prefix}0, {@code prefix}1, … */
    private static List<SurveyResponse> pupils(String campaign, String prefix, int count, String address) {
        return IntStream.range(0, count)
                .mapToObj(pupil -> pupil(campaign, prefix + pupil, address))
                .toList();
    }

    private static SurveyResponse pupil(String campaign, String name, String address) {
        SurveyResponse response = responseTo(campaign, name, 300);
        response.setOrganizationId("org-class");
        response.getClient().setIpAddress(address);
        CLASS_OF.put(response.getResponseId(), name.substring(0, 1));
        return response;
    }

    /** A session of six on the sessions topic, from a minute ago for half an hour, or its cancellation. */
    private static byte[] session(String id, String campaign, String address, Instant now, boolean cancelled) {
        return ("{\"sessionId\": \"" + id + "\", \"campaignId\": \"" + campaign
                        + "\", \"organizationId\": \"org-class\", \"ipAddress\": \"" + address + "\", \"from\": \""
                        + now.minusSeconds(60) + "\", \"to\": \"" + now.plusSeconds(1800)
                        + "\", \"participants\": 6, \"cancelled\": " + cancelled + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A parent's yes to every question of the НОКО questionnaire, filled in within the given seconds, sent now. */
    private static SurveyResponse responseTo(String campaign, String name, int seconds) {
        Map<String, Object> answers = new HashMap<>();
        for (int question = 1; question <= 14; question++) {
            answers.put("q" + question, true);
        }
        Instant now = Instant.now();
        SurveyResponse response = SurveyResponses.response(name.length());
        response.setResponseId(id(name));
        response.setCampaignId(campaign);
        response.setOrganizationId("org-opened");
        response.setRespondentRole("parent");
        response.setAnswers(answers);
        response.setStartedAt(now.minusSeconds(seconds));
        response.setSubmittedAt(now);
        response.setReceivedAt(now);
        response.getClient().setIpAddress("10.9.9." + seconds);
        response.getClient().setDeviceToken("device-" + name);
        return response;
    }

    private static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void aResponseBehindTheWatermarkIsJudgedOnArrivalAndRecordedAsLate() throws Exception {
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "ingest-late", 2);
        IngestJobRunner runner = new IngestJobRunner("ingest_late", topic.name());
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        topic.send(responses(0, 120));

        JobClient job = runner.start();
        try {
            // The watermark has passed the first responses once their verdicts are in.
            clickHouse.awaitCount("SELECT count() FROM response_verdicts", n -> n >= 60, WAIT);
            SurveyResponse late = SurveyResponses.response(-3600);
            topic.send(List.of(late));
            clickHouse.awaitCount("SELECT count() FROM late_responses", n -> n >= 1, WAIT);
            clickHouse.awaitCount(
                    "SELECT count() FROM response_verdicts WHERE response_id = '" + late.getResponseId() + "'",
                    n -> n >= 1,
                    WAIT);

            // Each check that judged it on arrival says so: the one per organization, then the one across them.
            clickHouse.awaitCount("SELECT count() FROM late_responses", n -> n >= 2, WAIT);
            assertThat(clickHouse.strings("SELECT concat(response_id, ' ', check_name) FROM late_responses FINAL"))
                    .containsExactlyInAnyOrder(
                            late.getResponseId() + " organization", late.getResponseId() + " across-organizations");
            assertThat(clickHouse.strings("SELECT DISTINCT toString(toUInt64(received_at)) FROM late_responses"))
                    .containsExactly(String.valueOf(late.getReceivedAt().getEpochSecond()));
            assertThat(clickHouse.count("SELECT min(behind_ms) FROM late_responses"))
                    .isGreaterThan(3_600_000);
            assertThat(clickHouse.strings(
                            "SELECT verdict FROM response_verdicts WHERE response_id = '" + late.getResponseId() + "'"))
                    .containsExactly("accepted");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aJobStoppedMidStreamAndRestoredFromItsLastCheckpointLeavesEachResponseOnce() throws Exception {
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "ingest-restart", 3);
        IngestJobRunner runner = new IngestJobRunner("ingest_restart", topic.name());
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        List<SurveyResponse> firstPart = responses(0, 600);
        List<SurveyResponse> rest = responses(600, 1000);

        topic.send(firstPart);
        JobClient first = runner.start();
        clickHouse.awaitCount("SELECT count() FROM survey_responses", n -> n >= 300, WAIT);
        runner.awaitLatestCheckpoint(WAIT);
        first.cancel().get();
        Path checkpoint = runner.awaitLatestCheckpoint(WAIT);

        topic.send(rest);
        JobClient second = runner.startFrom(checkpoint);
        try {
            clickHouse.awaitCount("SELECT count() FROM survey_responses FINAL", n -> n >= 1000, WAIT);
        } finally {
            second.cancel().get();
        }

        List<String> stored = clickHouse.strings("SELECT response_id FROM survey_responses FINAL");
        assertThat(stored).hasSize(1000).doesNotHaveDuplicates();
        assertThat(Set.copyOf(stored)).isEqualTo(ids(firstPart, rest));
        assertThat(clickHouse.count("SELECT uniqExact(response_id) FROM survey_responses"))
                .isEqualTo(1000);
    }

    /**
     * An upgrade (deploy/ops/upgrade.sh) stops the job with a savepoint in the canonical format and starts the next
     * release from it; a rollback starts the previous one from the same savepoint. What the job remembered comes back
     * with it: a device that answered before the stop is still known after it, and every response is stored once.
     */
    @Test
    void aJobStoppedWithASavepointResumesFromItRememberingWhoAnswered() throws Exception {
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "ingest-savepoint", 3);
        IngestJobRunner runner = new IngestJobRunner("ingest_savepoint", topic.name());
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        List<SurveyResponse> beforeTheUpgrade = responses(0, 600);
        List<SurveyResponse> afterIt = new java.util.ArrayList<>(responses(600, 1000));
        SurveyResponse sameDeviceAgain = SurveyResponse.newBuilder(SurveyResponses.response(700))
                .setResponseId(UUID.nameUUIDFromBytes("the same device again".getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setOrganizationId(SurveyResponses.response(5).getOrganizationId())
                .setClient(ru.noko.schemas.avro.ClientMetadata.newBuilder(
                                SurveyResponses.response(700).getClient())
                        .setDeviceToken(SurveyResponses.response(5).getClient().getDeviceToken())
                        .build())
                .build();
        afterIt.add(sameDeviceAgain);

        topic.send(beforeTheUpgrade);
        JobClient oldRelease = runner.start();
        clickHouse.awaitCount("SELECT count() FROM survey_responses FINAL", n -> n == 600, WAIT);
        Path savepoints = java.nio.file.Files.createTempDirectory("noko-savepoints");
        String savepoint = oldRelease
                .stopWithSavepoint(
                        false,
                        savepoints.toUri().toString(),
                        org.apache.flink.core.execution.SavepointFormatType.CANONICAL)
                .get();

        topic.send(afterIt);
        JobClient newRelease = runner.startFrom(Path.of(java.net.URI.create(savepoint)));
        try {
            clickHouse.awaitCount(
                    "SELECT count() FROM response_verdicts FINAL WHERE response_id = '"
                            + sameDeviceAgain.getResponseId() + "'",
                    n -> n == 1,
                    WAIT);
            clickHouse.awaitCount("SELECT count() FROM survey_responses FINAL", n -> n == 1001, WAIT);
        } finally {
            newRelease.cancel().get();
        }

        assertThat(clickHouse.strings("SELECT concat(verdict, ' ', rejections) FROM response_verdicts FINAL"
                        + " WHERE response_id = '" + sameDeviceAgain.getResponseId() + "'"))
                .as("the device's first answer, before the savepoint, is remembered after it")
                .containsExactly("rejected DUPLICATE_DEVICE");
        assertThat(clickHouse.strings("SELECT verdict FROM response_verdicts FINAL WHERE response_id = '"
                        + SurveyResponses.response(5).getResponseId() + "'"))
                .containsExactly("accepted");
        assertThat(clickHouse.count("SELECT uniqExact(response_id) FROM survey_responses"))
                .isEqualTo(1001);
        assertThat(clickHouse.count("SELECT count() FROM survey_responses FINAL"))
                .isEqualTo(1001);
    }

    private static List<SurveyResponse> responses(int from, int to) {
        return IntStream.range(from, to).mapToObj(SurveyResponses::response).toList();
    }

    @SafeVarargs
    private static Set<String> ids(List<SurveyResponse>... parts) {
        return java.util.stream.Stream.of(parts)
                .flatMap(List::stream)
                .map(SurveyResponse::getResponseId)
                .collect(Collectors.toSet());
    }
}
