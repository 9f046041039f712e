package ru.noko.local;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.noko.pipeline.generator.CampaignGenerator;
import ru.noko.pipeline.generator.GeneratedCampaign;
import ru.noko.schemas.avro.SurveyResponse;
import ru.noko.schemas.response.SurveyResponseCodec;

/**
 * {@code ./noko run --demo}: fills the local system with a generated campaign (organizations in two regions, honest
 * respondents and fraud patterns), last year's campaign, the satisfaction and the mechanisms surveys
 * ({@link DemoSurveys}), so the tables and dashboards have something to show.
 */
public final class DemoCampaign {

    private static final long SEED = 2026;
    private static final int ORGANIZATIONS = 40;
    private static final int HONEST_PER_ORGANIZATION = 30;

    private DemoCampaign() {}

    /**
     * Publishes the registry, self-assessments, the organized session and the responses of every demo campaign;
     * returns how many responses.
     */
    public static int publish(String bootstrapServers) throws Exception {
        return publish(bootstrapServers, true);
    }

    /** The demo's registry entries (JSON), each organization with its staff. */
    static List<String> registry() throws Exception {
        return DemoSurveys.withStaff(generate().registry());
    }

    /**
     * As {@link #publish(String)}; without the registry when {@code withRegistry} is false (the demo imports it
     * through the portal, which publishes it).
     */
    static int publish(String bootstrapServers, boolean withRegistry) throws Exception {
        GeneratedCampaign campaign = generate();
        DemoSurveys surveys = new DemoSurveys(SEED, ORGANIZATIONS).generate();
        SurveyResponseCodec codec = new SurveyResponseCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new ByteArraySerializer())) {
            if (withRegistry) {
                send(producer, LocalSettings.ORGANIZATIONS_TOPIC, DemoSurveys.withStaff(campaign.registry()));
            }
            send(producer, LocalSettings.SELF_ASSESSMENTS_TOPIC, campaign.selfAssessments());
            send(producer, LocalSettings.SELF_ASSESSMENTS_TOPIC, surveys.selfAssessments());
            send(producer, LocalSettings.SESSIONS_TOPIC, campaign.sessions());
            // In event-time order, so the checks see them as respondents sent them, not as late arrivals.
            List<SurveyResponse> responses = Stream.concat(campaign.responses().stream(), surveys.responses().stream())
                    .sorted(Comparator.comparing(SurveyResponse::getSubmittedAt))
                    .toList();
            for (SurveyResponse response : responses) {
                producer.send(new ProducerRecord<>(
                        LocalSettings.TOPIC, response.getOrganizationId(), codec.encode(response)));
            }
            // No marker after them: once the topic is quiet (NOKO_QUIET_CATCH_UP), the job's watermark catches up
            // with the clock and passes the whole demo, so every verdict is written without an internal row.
            producer.flush();
            return responses.size();
        }
    }

    private static GeneratedCampaign generate() {
        return new CampaignGenerator(SEED, ORGANIZATIONS, HONEST_PER_ORGANIZATION).generate();
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, List<String> records) {
        for (String record : records) {
            producer.send(new ProducerRecord<>(topic, "demo", record.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
