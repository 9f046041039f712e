package ru.noko.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.pipeline.testing.ResponseTopic;
import ru.noko.pipeline.testing.SurveyResponses;
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
