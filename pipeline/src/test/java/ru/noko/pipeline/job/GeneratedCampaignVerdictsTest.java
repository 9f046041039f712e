package ru.noko.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;
import ru.noko.pipeline.generator.CampaignGenerator;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.pipeline.testing.ResponseTopic;
import ru.noko.pipeline.testing.SurveyResponses;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.clickhouse.ClickHouseQueries;

/**
 * A generated campaign with its fraud patterns goes through Kafka and the job, shuffled; every verdict in ClickHouse
 * must be the one the generator knows is right.
 */
class GeneratedCampaignVerdictsTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void everyVerdictMatchesTheGeneratorsGroundTruth() throws Exception {
        GeneratedCampaign campaign = new CampaignGenerator(42, 12, 20).generate();
        ResponseTopic topic = new ResponseTopic(DevStack.kafka(), "generated", 2);
        // Out-of-orderness covering the whole campaign: the shuffled responses are judged in event-time order once
        // the last, much later response moves the watermark past them all.
        IngestJobRunner runner = new IngestJobRunner("generated", topic.name(),
                Map.of("NOKO_MAX_OUT_OF_ORDERNESS", "12h", "NOKO_SOURCE_IDLENESS", "2s"));
        ClickHouseQueries clickHouse = new ClickHouseQueries(runner.clickHouse());
        for (String entry : campaign.registry()) {
            topic.sendRaw(topic.name() + "-organizations", "registry", entry.getBytes(StandardCharsets.UTF_8));
        }
        for (String session : campaign.sessions()) {
            topic.sendRaw(topic.name() + "-sessions", "session", session.getBytes(StandardCharsets.UTF_8));
        }
        topic.send(campaign.responses());
        SurveyResponse sentinel = SurveyResponses.response(86_400 * 3);
        topic.send(List.of(sentinel));

        JobClient job = runner.start();
        try {
            assertThat(clickHouse.awaitCount("SELECT count() FROM response_verdicts",
                    n -> n >= campaign.responses().size(), WAIT)).isEqualTo(campaign.responses().size());
        } finally {
            job.cancel().get();
        }

        Map<String, String> actual = new HashMap<>();
        for (String row : clickHouse.strings("SELECT concat(response_id, '=', verdict, ':', rejections)"
                + " FROM response_verdicts FINAL")) {
            String[] parts = row.split("=", 2);
            actual.put(parts[0], parts[1].endsWith(":") ? parts[1].substring(0, parts[1].length() - 1) : parts[1]);
        }
        assertThat(actual).isEqualTo(campaign.expectedVerdicts());
        assertThat(campaign.expectedVerdicts().values()).contains("accepted", "rejected:DUPLICATE_EMAIL",
                "rejected:DUPLICATE_DEVICE", "rejected:IP_LIMIT_ORGANIZATION", "rejected:TOO_FAST");
        assertThat(clickHouse.count("SELECT count() FROM late_responses")).isZero();
    }
}
